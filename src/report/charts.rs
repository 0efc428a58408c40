//! Charts drawn with plotters as SVG text: embedded in the HTML and written to `charts/`.
//! Pass is green and fail red, and every bar and line also carries its number or a marker
//! shape, so colour is never the only cue.

use plotters::prelude::*;

pub const PASS: RGBColor = RGBColor(46, 125, 50);
pub const FAIL: RGBColor = RGBColor(198, 40, 40);
const SOP_COLOURS: [RGBColor; 5] = [
    RGBColor(21, 101, 192),
    RGBColor(239, 108, 0),
    RGBColor(46, 125, 50),
    RGBColor(106, 27, 154),
    RGBColor(0, 131, 143),
];

fn svg(
    w: u32,
    h: u32,
    draw: impl FnOnce(&DrawingArea<SVGBackend, plotters::coord::Shift>),
) -> String {
    let mut buf = String::new();
    {
        let area = SVGBackend::with_string(&mut buf, (w, h)).into_drawing_area();
        let _ = area.fill(&WHITE);
        draw(&area);
        let _ = area.present();
    }
    buf
}

/// Pareto chart: fails per rule, largest first, with the cumulative share as a line.
pub fn pareto(title: &str, y_label: &str, bars: &[(String, i64)]) -> String {
    let bars: Vec<&(String, i64)> = bars.iter().filter(|b| b.1 > 0).take(15).collect();
    let max = bars.iter().map(|b| b.1).max().unwrap_or(1).max(1);
    let total: i64 = bars.iter().map(|b| b.1).sum::<i64>().max(1);
    svg(760, 360, |area| {
        let Ok(mut chart) = ChartBuilder::on(area)
            .caption(title, ("sans-serif", 18))
            .margin(10)
            .x_label_area_size(70)
            .y_label_area_size(50)
            .build_cartesian_2d(0..bars.len().max(1), 0..(max + max / 5 + 1))
        else {
            return;
        };
        let names: Vec<String> = bars.iter().map(|b| b.0.clone()).collect();
        let _ = chart
            .configure_mesh()
            .disable_x_mesh()
            .y_desc(y_label)
            .x_labels(bars.len().max(1))
            .x_label_formatter(&|i| names.get(*i).cloned().unwrap_or_default())
            .x_label_style(
                ("sans-serif", 11)
                    .into_font()
                    .transform(FontTransform::Rotate90),
            )
            .draw();
        let _ = chart.draw_series(
            bars.iter()
                .enumerate()
                .map(|(i, b)| Rectangle::new([(i, 0), (i + 1, b.1)], FAIL.mix(0.85).filled())),
        );
        let _ = chart.draw_series(bars.iter().enumerate().map(|(i, b)| {
            Text::new(
                format!("{}", b.1),
                (i, b.1 + max / 40 + 1),
                ("sans-serif", 11),
            )
        }));
        // Cumulative share on the same axis, scaled to the tallest bar.
        let mut run = 0;
        let points: Vec<(usize, i64)> = bars
            .iter()
            .enumerate()
            .map(|(i, b)| {
                run += b.1;
                (i, run * max / total)
            })
            .collect();
        let _ = chart.draw_series(LineSeries::new(points.clone(), BLACK.stroke_width(2)));
        let _ = chart.draw_series(points.iter().map(|p| Circle::new(*p, 3, BLACK.filled())));
    })
}

/// Monthly compliance per SOP: one line and marker shape per SOP, 0–100 %.
pub fn trend(title: &str, months: &[String], series: &[(String, Vec<Option<f64>>)]) -> String {
    svg(760, 340, |area| {
        let Ok(mut chart) = ChartBuilder::on(area)
            .caption(title, ("sans-serif", 18))
            .margin(10)
            .x_label_area_size(40)
            .y_label_area_size(50)
            .build_cartesian_2d(0..months.len().max(1), 0.0..100.0)
        else {
            return;
        };
        let _ = chart
            .configure_mesh()
            .y_desc("%")
            .x_labels(months.len().max(1))
            .x_label_formatter(&|i| months.get(*i).cloned().unwrap_or_default())
            .draw();
        for (k, (sop, values)) in series.iter().enumerate() {
            let colour = SOP_COLOURS[k % SOP_COLOURS.len()];
            let points: Vec<(usize, f64)> = values
                .iter()
                .enumerate()
                .filter_map(|(i, v)| v.map(|v| (i, v * 100.0)))
                .collect();
            if let Ok(s) =
                chart.draw_series(LineSeries::new(points.clone(), colour.stroke_width(2)))
            {
                s.label(sop.clone()).legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 18, y)], colour.stroke_width(2))
                });
            }
            let _ = chart.draw_series(points.iter().map(move |p| match k % 3 {
                0 => Circle::new(*p, 4, colour.filled()).into_dyn(),
                1 => TriangleMarker::new(*p, 5, colour.filled()).into_dyn(),
                _ => Cross::new(*p, 4, colour.stroke_width(2)).into_dyn(),
            }));
        }
        let _ = chart
            .configure_series_labels()
            .background_style(WHITE.mix(0.8))
            .border_style(BLACK)
            .position(SeriesLabelPosition::LowerLeft)
            .draw();
    })
}

/// A histogram of measured values with the limit marked as a dashed line and labelled.
pub fn histogram(title: &str, x_label: &str, values: &[f64], limit: f64) -> String {
    let top = values
        .iter()
        .copied()
        .fold(limit * 2.0, f64::max)
        .min(limit * 6.0)
        .max(1.0);
    let bins = 20usize;
    let width = top / bins as f64;
    let mut counts = vec![0i64; bins];
    for v in values {
        let i = ((v / width) as usize).min(bins - 1);
        counts[i] += 1;
    }
    let max = counts.iter().copied().max().unwrap_or(1).max(1);
    svg(760, 320, |area| {
        let Ok(mut chart) = ChartBuilder::on(area)
            .caption(title, ("sans-serif", 18))
            .margin(10)
            .x_label_area_size(40)
            .y_label_area_size(50)
            .build_cartesian_2d(0.0..top, 0..(max + max / 5 + 1))
        else {
            return;
        };
        let _ = chart
            .configure_mesh()
            .disable_x_mesh()
            .x_desc(x_label)
            .y_desc("cases")
            .draw();
        let _ = chart.draw_series(counts.iter().enumerate().map(|(i, c)| {
            let x0 = i as f64 * width;
            let colour = if x0 + width <= limit + 1e-9 {
                PASS
            } else {
                FAIL
            };
            Rectangle::new([(x0, 0), (x0 + width, *c)], colour.mix(0.8).filled())
        }));
        let _ = chart.draw_series(DashedLineSeries::new(
            vec![(limit, 0), (limit, max + max / 5)],
            6,
            4,
            BLACK.stroke_width(2),
        ));
        let _ = chart.draw_series(std::iter::once(Text::new(
            format!("limit {limit}"),
            (limit, max + max / 10),
            ("sans-serif", 12),
        )));
    })
}

/// Small multiples: one compliance bar per SOP for each advisor, in a grid.
/// One advisor's compliance per SOP: (name, [(SOP, rate)]).
pub type AdvisorRates = (String, Vec<(String, Option<f64>)>);

pub fn advisors_grid(title: &str, advisors: &[AdvisorRates]) -> String {
    let cols = 3usize;
    let rows = advisors.len().div_ceil(cols).max(1);
    svg(760, 60 + rows as u32 * 170, |area| {
        let (head, body) = area.split_vertically(40);
        let _ = head.titled(title, ("sans-serif", 18));
        let panels = body.split_evenly((rows, cols));
        for (panel, (name, sops)) in panels.iter().zip(advisors) {
            let Ok(mut chart) = ChartBuilder::on(panel)
                .caption(name, ("sans-serif", 13))
                .margin(6)
                .x_label_area_size(20)
                .y_label_area_size(30)
                .build_cartesian_2d(0..sops.len().max(1), 0.0..100.0)
            else {
                continue;
            };
            let labels: Vec<String> = sops.iter().map(|s| s.0.clone()).collect();
            let _ = chart
                .configure_mesh()
                .disable_mesh()
                .x_labels(sops.len().max(1))
                .x_label_formatter(&|i| labels.get(*i).cloned().unwrap_or_default())
                .y_labels(3)
                .draw();
            let _ = chart.draw_series(sops.iter().enumerate().filter_map(|(i, (_, r))| {
                r.map(|r| {
                    let colour = if r >= 0.8 { PASS } else { FAIL };
                    Rectangle::new([(i, 0.0), (i + 1, r * 100.0)], colour.mix(0.8).filled())
                })
            }));
            let _ = chart.draw_series(sops.iter().enumerate().filter_map(|(i, (_, r))| {
                r.map(|r| {
                    Text::new(
                        format!("{:.0}", r * 100.0),
                        (i, (r * 100.0 - 14.0).max(2.0)),
                        ("sans-serif", 10),
                    )
                })
            }));
        }
    })
}
