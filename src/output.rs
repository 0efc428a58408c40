//! Printing data for people (aligned tables) and for tools (CSV, JSON) on standard output.

use std::io::{self, Write};

/// A plain text table: a header row, aligned columns, long cells cut with an ellipsis.
pub struct Table {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
    max_width: usize,
    /// Columns holding file locations: shown relative to the current directory and cut at
    /// their start, because their end matters most (the file name and line).
    locations: Vec<usize>,
}

impl Table {
    pub fn new<S: Into<String>>(header: impl IntoIterator<Item = S>) -> Self {
        Self {
            header: header.into_iter().map(Into::into).collect(),
            rows: Vec::new(),
            max_width: 60,
            locations: Vec::new(),
        }
    }

    /// Marks column `name` as file locations: `tests/x.txt:12` under the current directory,
    /// `…/file.txt:12` when still too long.
    pub fn location(mut self, name: &str) -> Self {
        if let Some(i) = self.header.iter().position(|h| h == name) {
            self.locations.push(i);
        }
        self
    }

    pub fn max_width(mut self, width: usize) -> Self {
        self.max_width = width;
        self
    }

    pub fn row<S: Into<String>>(&mut self, cells: impl IntoIterator<Item = S>) {
        self.rows.push(cells.into_iter().map(Into::into).collect());
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    pub fn write(&self, out: &mut impl Write) -> io::Result<()> {
        let cut = |i: usize, s: &str| -> String {
            let location = self.locations.contains(&i);
            let mut one_line = s.replace(['\n', '\r'], " ");
            if location {
                one_line = source_location(&one_line);
            }
            let n = one_line.chars().count();
            if n <= self.max_width {
                one_line
            } else if location {
                let tail: String = one_line.chars().skip(n - (self.max_width - 1)).collect();
                format!("…{tail}")
            } else {
                let mut t: String = one_line.chars().take(self.max_width - 1).collect();
                t.push('…');
                t
            }
        };
        let all: Vec<Vec<String>> = std::iter::once(&self.header)
            .chain(self.rows.iter())
            .map(|r| r.iter().enumerate().map(|(i, c)| cut(i, c)).collect())
            .collect();
        let columns = self.header.len();
        let widths: Vec<usize> = (0..columns)
            .map(|i| {
                all.iter()
                    .map(|r| r.get(i).map_or(0, |c| c.chars().count()))
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        for (n, row) in all.iter().enumerate() {
            let mut line = String::new();
            for (i, w) in widths.iter().enumerate() {
                let cell = row.get(i).map_or("", String::as_str);
                line.push_str(cell);
                if i + 1 < columns {
                    line.push_str(&" ".repeat(w - cell.chars().count() + 2));
                }
            }
            writeln!(out, "{}", line.trim_end())?;
            if n == 0 {
                let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
                writeln!(out, "{}", rule.join("  "))?;
            }
        }
        Ok(())
    }
}

/// A stored source location (`/abs/dir/file.txt:12`) as the reader typed it: relative to
/// the current directory when it lies under it.
fn source_location(location: &str) -> String {
    let Ok(dir) = std::env::current_dir() else {
        return location.to_string();
    };
    let prefix = format!("{}{}", dir.display(), std::path::MAIN_SEPARATOR);
    location.replace(&prefix, "")
}

/// Writes `value` as pretty JSON and a newline.
pub fn write_json(out: &mut impl Write, value: &impl serde::Serialize) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value).map_err(io::Error::other)?;
    writeln!(out)
}

/// The first `n` characters on one line.
pub fn excerpt(text: &str, n: usize) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() <= n {
        one_line
    } else {
        let mut s: String = one_line.chars().take(n - 1).collect();
        s.push('…');
        s
    }
}

/// Seconds per phase of a stage, for benchmarks: each `lap` closes the phase it names.
pub struct Phases {
    clock: std::time::Instant,
    laps: Vec<(String, f64)>,
}

impl Phases {
    pub fn start() -> Self {
        Self {
            clock: std::time::Instant::now(),
            laps: Vec::new(),
        }
    }

    pub fn lap(&mut self, name: &str) {
        self.laps
            .push((name.to_string(), self.clock.elapsed().as_secs_f64()));
        self.clock = std::time::Instant::now();
    }

    pub fn into_laps(self) -> Vec<(String, f64)> {
        self.laps
    }
}

/// "phases: cases (SQL) 0.1 s, read messages 0.2 s, …"
pub fn phases_line(laps: &[(String, f64)]) -> String {
    let parts: Vec<String> = laps.iter().map(|(n, t)| format!("{n} {t:.1} s")).collect();
    format!("phases: {}", parts.join(", "))
}

/// `SOURCE_DATE_EPOCH` (seconds since 1970, UTC) when set: the time reports and workbooks say
/// they were made, so two runs over the same data can be compared byte for byte (the
/// reproducible-builds convention). Unset, they say the time of the run.
pub fn source_date_epoch() -> Option<i64> {
    std::env::var("SOURCE_DATE_EPOCH").ok()?.trim().parse().ok()
}

/// When a report says it was made, in local time (or `SOURCE_DATE_EPOCH`, in UTC).
pub fn generated_at() -> String {
    const SHOWN: &str = "%Y-%m-%d %H:%M";
    match source_date_epoch().and_then(|s| chrono::DateTime::from_timestamp(s, 0)) {
        Some(t) => t.format(SHOWN).to_string(),
        None => chrono::Local::now().format(SHOWN).to_string(),
    }
}

/// A new workbook, dated by `SOURCE_DATE_EPOCH` when set.
pub fn workbook() -> rust_xlsxwriter::Workbook {
    let mut wb = rust_xlsxwriter::Workbook::new();
    if let Some(at) =
        source_date_epoch().and_then(|s| rust_xlsxwriter::ExcelDateTime::from_timestamp(s).ok())
    {
        wb.set_properties(&rust_xlsxwriter::DocProperties::new().set_creation_datetime(&at));
    }
    wb
}
