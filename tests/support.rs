//! Test helpers: the shared specs beside the repository, the binary, temporary folders.

use std::path::PathBuf;
use std::process::{Command, Output};

/// `../shared` beside the repository, when it is there (CI and developers have it).
pub fn shared_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!("skipped: ../shared is not beside the repository");
        None
    }
}

/// Runs the patuh binary in `dir` with `args`.
pub fn patuh(dir: &std::path::Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_patuh"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the patuh binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `patuh run INPUTS --out DIR/out` with the store `DIR/s.duckdb`.
pub fn run_into(dir: &std::path::Path, inputs: &std::path::Path) -> Output {
    let out = dir.join("out");
    patuh(
        dir,
        &[
            "--db",
            dir.join("s.duckdb").to_str().expect("utf-8 path"),
            "--quiet",
            "run",
            inputs.to_str().expect("utf-8 path"),
            "--out",
            out.to_str().expect("utf-8 path"),
        ],
    )
}

/// `patuh run` over `inputs` into `dir`, which must succeed: its findings.csv rows.
pub fn run_findings(
    dir: &std::path::Path,
    inputs: &std::path::Path,
) -> Vec<std::collections::BTreeMap<String, String>> {
    let o = run_into(dir, inputs);
    assert!(o.status.success(), "{}", stderr(&o));
    findings_csv(&dir.join("out"))
}

/// An input folder `DIR/in` that a test writes small export files into.
pub struct Inputs(PathBuf);

impl Inputs {
    pub fn new(dir: &std::path::Path) -> Self {
        let path = dir.join("in");
        std::fs::create_dir_all(&path).expect("the input folder");
        Self(path)
    }

    /// Writes one file (its folders made as needed).
    pub fn write(&self, name: &str, text: &str) {
        let path = self.0.join(name);
        std::fs::create_dir_all(path.parent().expect("a file in the folder")).unwrap();
        std::fs::write(path, text).unwrap();
    }
}

impl std::ops::Deref for Inputs {
    type Target = std::path::Path;
    fn deref(&self) -> &std::path::Path {
        &self.0
    }
}

pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary folder")
}

/// `patuh run sample_data` once for every test that reads its outputs (they only read): the
/// folder holding `s.duckdb` and `out/`.
pub fn sample_run() -> &'static std::path::Path {
    static RUN: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    RUN.get_or_init(|| {
        let dir = tempdir();
        let sample = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("sample_data");
        let o = run_into(dir.path(), &sample);
        assert!(o.status.success(), "{}", stderr(&o));
        dir
    })
    .path()
}

/// A program on PATH, for tests that skip (with a message) without it.
pub fn on_path(program: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(program))
            .find(|p| p.is_file())
    })
}

/// findings.csv of an output folder, as rows by header.
pub fn findings_csv(out: &std::path::Path) -> Vec<std::collections::BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_path(out.join("findings.csv")).expect("findings.csv");
    let h = reader.headers().expect("a header").clone();
    reader
        .records()
        .map(|r| {
            let r = r.expect("a record");
            h.iter()
                .zip(r.iter())
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// Every file under `dir`, as paths relative to it.
pub fn files_under(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p.strip_prefix(dir).unwrap().to_path_buf());
            }
        }
    }
    out.sort();
    out
}

/// The cells of a scorecard's row for `rule`, as text.
pub fn rule_row(html: &str, rule: &str) -> Vec<String> {
    html.split(&format!("<tr data-rule=\"{rule}\">"))
        .nth(1)
        .unwrap_or_else(|| panic!("no row for {rule}"))
        .split("</tr>")
        .next()
        .unwrap()
        .split("</td>")
        .map(|c| c.rsplit('>').next().unwrap().to_string())
        .collect()
}
