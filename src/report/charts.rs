//! Charts drawn with plotters: SVG text embedded in the HTML, and the same drawing as PNG in
//! `charts/` for slides. Pass is green and fail red, and every bar and line also carries its
//! number or a marker shape, so colour is never the only cue. Text is drawn with the font
//! embedded from `report_templates/fonts`, so a PNG looks the same on every machine.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::path::Path;

pub const PASS: RGBColor = RGBColor(46, 125, 50);
pub const FAIL: RGBColor = RGBColor(198, 40, 40);
/// One colour per SOP, in catalog order (BKG, KSP, FUT, INQ, PJL, CHK).
const SOP_COLOURS: [RGBColor; 6] = [
    RGBColor(21, 101, 192),
    RGBColor(239, 108, 0),
    RGBColor(46, 125, 50),
    RGBColor(106, 27, 154),
    RGBColor(0, 131, 143),
    RGBColor(121, 85, 72),
];
const FONT: &[u8] = include_bytes!("../../report_templates/fonts/DejaVuSans.ttf");
/// PNG charts are drawn at twice the SVG's size: sharp on a projected slide.
const PNG_SCALE: f64 = 2.0;

/// One SOP's compliance per month (0..1; none where nothing was judged).
pub type Series = (String, Vec<Option<f64>>);

/// One advisor's compliance per SOP: (name, [(SOP, rate 0..1)]).
pub type AdvisorRates = (String, Vec<(String, Option<f64>)>);

/// A chart of the report, drawable on any plotters backend.
pub enum Chart {
    /// Fails per rule, largest first, with the cumulative share as a line.
    Pareto {
        title: String,
        y_label: String,
        bars: Vec<(String, i64)>,
    },
    /// Monthly compliance per SOP: one line and marker shape per SOP, 0–100 %.
    Trend {
        title: String,
        months: Vec<String>,
        series: Vec<Series>,
    },
    /// Measured values with the limit marked as a dashed line and labelled.
    Histogram {
        title: String,
        x_label: String,
        y_label: String,
        limit_label: String,
        values: Vec<f64>,
        limit: f64,
    },
    /// Small multiples: one compliance bar per SOP for each advisor, in a grid.
    AdvisorsGrid {
        title: String,
        advisors: Vec<AdvisorRates>,
    },
}

type Drawn = Result<(), String>;

fn err(e: impl std::fmt::Display) -> String {
    e.to_string()
}

impl Chart {
    /// Width and height at scale 1 (the SVG's).
    fn size(&self) -> (u32, u32) {
        match self {
            Chart::Pareto { .. } => (760, 360),
            Chart::Trend { .. } => (760, 340),
            Chart::Histogram { .. } => (760, 320),
            Chart::AdvisorsGrid { advisors, .. } => {
                (760, 60 + advisors.len().div_ceil(3).max(1) as u32 * 170)
            }
        }
    }

    pub fn svg(&self) -> Result<String, String> {
        register_font();
        let mut buf = String::new();
        {
            let area = SVGBackend::with_string(&mut buf, self.size()).into_drawing_area();
            self.draw(&area, 1.0)?;
            area.present().map_err(err)?;
        }
        Ok(buf)
    }

    pub fn png(&self, path: &Path) -> Result<(), String> {
        register_font();
        let (w, h) = self.size();
        let size = (
            (f64::from(w) * PNG_SCALE) as u32,
            (f64::from(h) * PNG_SCALE) as u32,
        );
        let area = BitMapBackend::new(path, size).into_drawing_area();
        self.draw(&area, PNG_SCALE)?;
        area.present().map_err(err)
    }

    fn draw<DB: DrawingBackend>(&self, area: &DrawingArea<DB, Shift>, k: f64) -> Drawn {
        area.fill(&WHITE).map_err(err)?;
        let s = Scale(k);
        match self {
            Chart::Pareto {
                title,
                y_label,
                bars,
            } => pareto(area, s, title, y_label, bars),
            Chart::Trend {
                title,
                months,
                series,
            } => trend(area, s, title, months, series),
            Chart::Histogram {
                title,
                x_label,
                y_label,
                limit_label,
                values,
                limit,
            } => histogram(
                area,
                s,
                [title, x_label, y_label, limit_label],
                values,
                *limit,
            ),
            Chart::AdvisorsGrid { title, advisors } => advisors_grid(area, s, title, advisors),
        }
    }
}

fn register_font() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // The bytes are the font file shipped in the repository: a parse failure is a bug.
        plotters::style::register_font("sans-serif", FontStyle::Normal, FONT)
            .unwrap_or_else(|_| panic!("report_templates/fonts/DejaVuSans.ttf is not a font"));
    });
}

/// Sizes of the drawing at scale 1, multiplied for the PNG.
#[derive(Clone, Copy)]
struct Scale(f64);

impl Scale {
    fn px(self, x: u32) -> u32 {
        (f64::from(x) * self.0).round() as u32
    }
    fn font(self, size: u32) -> TextStyle<'static> {
        TextStyle::from(("sans-serif", f64::from(size) * self.0).into_font())
    }
}

/// Horizontal bars, largest on top, so every clause id reads level; each bar carries its
/// count and the cumulative share of all violations up to it.
fn pareto<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    s: Scale,
    title: &str,
    x_label: &str,
    bars: &[(String, i64)],
) -> Drawn {
    // The bars come whole (the last one holds the clauses not drawn one by one): shares are of
    // every fail.
    let bars: Vec<&(String, i64)> = bars.iter().filter(|b| b.1 > 0).collect();
    let n = bars.len().max(1);
    let max = bars.iter().map(|b| b.1).max().unwrap_or(1).max(1);
    let total: i64 = bars.iter().map(|b| b.1).sum::<i64>().max(1);
    // Row j from the bottom holds bar n-1-j.
    let bar = |j: usize| bars.get(n - 1 - j);
    let mut chart = ChartBuilder::on(area)
        .caption(title, s.font(18))
        .margin(s.px(10))
        .x_label_area_size(s.px(40))
        .y_label_area_size(s.px(250))
        .build_cartesian_2d(0..(max + max / 3 + 1), (0..n - 1).into_segmented())
        .map_err(err)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .light_line_style(TRANSPARENT)
        .x_desc(x_label)
        .axis_desc_style(s.font(12))
        .label_style(s.font(11))
        .y_labels(n)
        .y_label_formatter(&|v| match v {
            SegmentValue::CenterOf(j) => bar(*j).map(|b| b.0.clone()).unwrap_or_default(),
            _ => String::new(),
        })
        .draw()
        .map_err(err)?;
    chart
        .draw_series((0..bars.len()).filter_map(|j| {
            bar(j).map(|b| {
                let mut r = Rectangle::new(
                    [
                        (0, SegmentValue::Exact(j)),
                        (b.1, SegmentValue::Exact(j + 1)),
                    ],
                    FAIL.mix(0.85).filled(),
                );
                r.set_margin(s.px(2), s.px(2), 0, 0);
                r
            })
        }))
        .map_err(err)?;
    let mut cumulative: Vec<i64> = bars
        .iter()
        .scan(0, |run, b| {
            *run += b.1;
            Some(*run)
        })
        .collect();
    cumulative.reverse();
    let label = s.font(11).pos(Pos::new(HPos::Left, VPos::Center));
    chart
        .draw_series((0..bars.len()).filter_map(|j| {
            bar(j).map(|b| {
                Text::new(
                    format!("{} · {} %", b.1, cumulative[j] * 100 / total),
                    (b.1 + max / 100 + 1, SegmentValue::CenterOf(j)),
                    label.clone(),
                )
            })
        }))
        .map_err(err)?;
    Ok(())
}

fn trend<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    s: Scale,
    title: &str,
    months: &[String],
    series: &[Series],
) -> Drawn {
    // The axis starts near the lowest rate: compliance lives in the 80–100 % band, and a
    // 0–100 axis would flatten every change the committee needs to see.
    let lowest = series
        .iter()
        .flat_map(|(_, v)| v.iter().flatten())
        .fold(1.0f64, |a, b| a.min(*b));
    let floor = ((lowest * 100.0 - 15.0) / 10.0).floor().clamp(0.0, 9.0) * 10.0;
    let n = months.len().max(1);
    let mut chart = ChartBuilder::on(area)
        .caption(title, s.font(18))
        .margin(s.px(10))
        .x_label_area_size(s.px(40))
        .y_label_area_size(s.px(50))
        .build_cartesian_2d((0..n - 1).into_segmented(), floor..100.0)
        .map_err(err)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(TRANSPARENT)
        .y_desc("%")
        .axis_desc_style(s.font(12))
        .label_style(s.font(11))
        .x_labels(n)
        .x_label_formatter(&|v| match v {
            SegmentValue::CenterOf(i) => months.get(*i).cloned().unwrap_or_default(),
            _ => String::new(),
        })
        .draw()
        .map_err(err)?;
    for (k, (sop, values)) in series.iter().enumerate() {
        let colour = SOP_COLOURS[k % SOP_COLOURS.len()];
        let stroke = colour.stroke_width(s.px(2));
        let points: Vec<(SegmentValue<usize>, f64)> = values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| v.map(|v| (SegmentValue::CenterOf(i), v * 100.0)))
            .collect();
        let legend_len = s.px(18) as i32;
        chart
            .draw_series(LineSeries::new(points.clone(), stroke))
            .map_err(err)?
            .label(sop.clone())
            .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + legend_len, y)], stroke));
        chart
            .draw_series(points.into_iter().map(move |p| match k % 3 {
                0 => Circle::new(p, s.px(4), colour.filled()).into_dyn(),
                1 => TriangleMarker::new(p, s.px(5), colour.filled()).into_dyn(),
                _ => Cross::new(p, s.px(4), stroke).into_dyn(),
            }))
            .map_err(err)?;
    }
    chart
        .configure_series_labels()
        .label_font(s.font(12))
        .legend_area_size(s.px(26))
        .margin(s.px(8))
        .background_style(WHITE.mix(0.9))
        .border_style(BLACK)
        .position(SeriesLabelPosition::LowerRight)
        .draw()
        .map_err(err)
}

fn histogram<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    s: Scale,
    [title, x_label, y_label, limit_label]: [&String; 4],
    values: &[f64],
    limit: f64,
) -> Drawn {
    let top = values
        .iter()
        .copied()
        .fold(limit * 2.0, f64::max)
        .min(limit * 6.0)
        .max(1.0);
    // Whole minutes or days get whole-number bins: a 1.5-minute bin would hold one or two
    // values at random and draw a comb instead of a distribution.
    let whole = values.iter().all(|v| v.fract() == 0.0);
    let width = if whole {
        (top / 20.0).ceil().max(1.0)
    } else {
        top / 20.0
    };
    let bins = ((top / width).ceil() as usize).max(1);
    let top = bins as f64 * width;
    // Per bin: values within the limit, then over it. A bin straddling the limit shows both,
    // green below red, rather than calling its passes fails. Bins are closed on the right,
    // as the rules are ("within 2 days" holds day 2): bin i holds (i·w, (i+1)·w].
    let mut counts = vec![(0i64, 0i64); bins];
    for v in values {
        let i = ((v / width).ceil() as usize)
            .saturating_sub(1)
            .min(bins - 1);
        if *v <= limit {
            counts[i].0 += 1;
        } else {
            counts[i].1 += 1;
        }
    }
    let max = counts.iter().map(|c| c.0 + c.1).max().unwrap_or(1).max(1);
    let mut chart = ChartBuilder::on(area)
        .caption(title, s.font(18))
        .margin(s.px(10))
        .x_label_area_size(s.px(40))
        .y_label_area_size(s.px(60))
        .build_cartesian_2d(0.0..top, 0..(max + max / 5 + 1))
        .map_err(err)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .light_line_style(TRANSPARENT)
        .x_desc(x_label.as_str())
        .y_desc(y_label.as_str())
        .axis_desc_style(s.font(12))
        .label_style(s.font(11))
        .x_label_formatter(&|x| {
            if whole || top >= 10.0 {
                format!("{x:.0}")
            } else {
                format!("{x:.1}")
            }
        })
        .draw()
        .map_err(err)?;
    let bar = |x0: f64, from: i64, to: i64, colour: RGBColor| {
        let mut r = Rectangle::new([(x0, from), (x0 + width, to)], colour.mix(0.8).filled());
        r.set_margin(0, 0, s.px(1), s.px(1));
        r
    };
    chart
        .draw_series(counts.iter().enumerate().flat_map(|(i, (pass, fail))| {
            let x0 = i as f64 * width;
            [
                (*pass > 0).then(|| bar(x0, 0, *pass, PASS)),
                (*fail > 0).then(|| bar(x0, *pass, pass + fail, FAIL)),
            ]
            .into_iter()
            .flatten()
        }))
        .map_err(err)?;
    chart
        .draw_series(DashedLineSeries::new(
            vec![(limit, 0), (limit, max + max / 5)],
            s.px(6),
            s.px(4),
            BLACK.stroke_width(s.px(2)),
        ))
        .map_err(err)?;
    chart
        .draw_series(std::iter::once(Text::new(
            format!("{limit_label} {limit}"),
            (limit + top / 100.0, max + max / 10),
            s.font(12),
        )))
        .map_err(err)?;
    Ok(())
}

fn advisors_grid<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    s: Scale,
    title: &str,
    advisors: &[AdvisorRates],
) -> Drawn {
    let cols = 3usize;
    let rows = advisors.len().div_ceil(cols).max(1);
    let (head, body) = area.split_vertically(s.px(40));
    head.titled(title, s.font(18)).map_err(err)?;
    let panels = body.split_evenly((rows, cols));
    for (panel, (name, sops)) in panels.iter().zip(advisors) {
        let n = sops.len().max(1);
        let mut chart = ChartBuilder::on(panel)
            .caption(name, s.font(13))
            .margin(s.px(6))
            .x_label_area_size(s.px(20))
            .y_label_area_size(s.px(30))
            .build_cartesian_2d((0..n - 1).into_segmented(), 0.0..100.0)
            .map_err(err)?;
        chart
            .configure_mesh()
            .disable_mesh()
            .label_style(s.font(10))
            .x_labels(n)
            .x_label_formatter(&|v| match v {
                SegmentValue::CenterOf(i) => sops.get(*i).map(|x| x.0.clone()).unwrap_or_default(),
                _ => String::new(),
            })
            .y_labels(3)
            .y_label_formatter(&|y| format!("{y:.0}"))
            .draw()
            .map_err(err)?;
        chart
            .draw_series(sops.iter().enumerate().filter_map(|(i, (_, r))| {
                r.map(|r| {
                    let colour = if r >= 0.8 { PASS } else { FAIL };
                    let mut bar = Rectangle::new(
                        [
                            (SegmentValue::Exact(i), 0.0),
                            (SegmentValue::Exact(i + 1), r * 100.0),
                        ],
                        colour.mix(0.8).filled(),
                    );
                    bar.set_margin(0, 0, s.px(4), s.px(4));
                    bar
                })
            }))
            .map_err(err)?;
        let label = s.font(10).pos(Pos::new(HPos::Center, VPos::Top));
        chart
            .draw_series(sops.iter().enumerate().filter_map(|(i, (_, r))| {
                r.map(|r| {
                    Text::new(
                        format!("{:.0}", r * 100.0),
                        (SegmentValue::CenterOf(i), (r * 100.0 - 4.0).max(2.0)),
                        label.clone().color(&WHITE),
                    )
                })
            }))
            .map_err(err)?;
    }
    Ok(())
}
