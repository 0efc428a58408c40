//! `--pdf`: the report printed to PDF by headless Chromium, when it is installed.

use crate::error::{Error, Result};
use std::path::Path;
use std::process::Command;

/// The Chromium binaries tried, in order.
const BROWSERS: &[&str] = &["chromium", "chromium-browser", "google-chrome", "chrome"];

/// The first Chromium on PATH.
pub fn find_browser() -> Option<&'static str> {
    BROWSERS.iter().copied().find(|b| {
        Command::new(b)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

/// A headless Chromium with its own throwaway profile (two at once must not share one) and
/// without its background connections (refused, and slow, on a closed network).
pub fn headless(browser: &str, profile: &Path) -> Command {
    let mut c = Command::new(browser);
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        &format!("--user-data-dir={}", profile.display()),
    ]);
    c
}

pub fn print(html: &Path, pdf: &Path) -> Result<()> {
    let Some(browser) = find_browser() else {
        return Err(Error::input(
            "--pdf needs headless Chromium, which is not installed: `sudo apt-get install chromium` (Debian/Ubuntu), then run again; the HTML report is written".to_string(),
        ));
    };
    let html = html
        .canonicalize()
        .map_err(|e| Error::input(format!("{}: {e}", html.display())))?;
    let profile = std::env::temp_dir().join(format!("patuh-chromium-{}", std::process::id()));
    let out = headless(browser, &profile)
        .args([
            "--no-pdf-header-footer",
            &format!("--print-to-pdf={}", pdf.display()),
            &format!("file://{}", html.display()),
        ])
        .output()
        .map_err(|e| Error::Other(format!("running {browser}: {e}")));
    let _ = std::fs::remove_dir_all(&profile);
    let out = out?;
    if !out.status.success() || !pdf.exists() {
        return Err(Error::Other(format!(
            "{browser} could not print {}: {}",
            html.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        )));
    }
    Ok(())
}
