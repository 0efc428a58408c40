//! A group of branches (issue 13): each branch judged by its own data cut-off.

use crate::support::{run_into, stderr, tempdir};

#[test]
fn each_branch_has_its_own_cut_off() {
    let dir = tempdir();
    let inputs = dir.path().join("in");
    std::fs::create_dir_all(&inputs).unwrap();
    let write = |name: &str, text: &str| std::fs::write(inputs.join(name), text).unwrap();
    write(
        "patuh.toml",
        "[whatsapp]\nbusiness_names = [\"GSI\"]\n\n[[branch]]\nname = \"Medan\"\n\n[[branch]]\nname = \"Makassar\"\ntime_zone = \"Asia/Makassar\"\n",
    );
    write(
        "booking.csv",
        "No. Booking,Tanggal Booking,Nama Pelanggan,No. HP,Jadwal,SA,Cabang\nB1,03/03/2025 09.00,Ani,0812-1000-0001,05/03/2025 10.00,Rina,Medan\nB2,10/03/2025 09.00,Budi,0812-1000-0002,20/03/2025 10.00,Dewi,Makassar\n",
    );
    // Medan's export runs to 25 March; Makassar's was taken on 10 March.
    write(
        "WhatsApp Chat with +62 812-1000-0001.txt",
        "03/03/25 09.00 - Ani: halo mau booking servis\n03/03/25 09.02 - GSI: baik kak, untuk kapan?\n25/03/25 10.00 - Ani: terima kasih kak\n",
    );
    write(
        "WhatsApp Chat with +62 812-1000-0002.txt",
        "10/03/25 09.00 - Budi: halo mau booking servis tgl 20\n10/03/25 09.02 - GSI: baik kak, kami catat Kamis 20/03 jam 10 ya\n10/03/25 09.05 - Budi: ok\n",
    );
    let out = dir.path().join("out");
    let o = run_into(dir.path(), &inputs);
    assert!(o.status.success(), "{}", stderr(&o));
    let mut reader = csv::Reader::from_path(out.join("findings.csv")).unwrap();
    let h = reader.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|x| x == n).unwrap();
    let reminder = reader
        .records()
        .map(|r| r.unwrap())
        .find(|r| &r[col("case_key")] == "B2" && &r[col("rule_id")] == "BKG-4.2.3")
        .expect("B2's reminder finding");
    // The H-1 reminder for 20 March falls after Makassar's last data: unknown, not a fail
    // decided by Medan's later export.
    assert_eq!(&reminder[col("status")], "unknown", "{reminder:?}");
    assert_eq!(&reminder[col("reason")], "open at cut-off");
    // The lake holds every finding of findings.csv, read back with hive partitions.
    let rows = std::fs::read_to_string(out.join("findings.csv"))
        .unwrap()
        .lines()
        .count()
        - 1;
    let conn = duckdb::Connection::open_in_memory().unwrap();
    let glob = format!("{}/lake/findings/**/*.parquet", out.display());
    let by_branch: Vec<(String, String, i64)> = patuh::store::rows(
        &conn,
        "select branch, semester, count(*) from read_parquet(?, hive_partitioning = true) group by all order by all",
        [glob.as_str()],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .unwrap();
    assert_eq!(
        by_branch.iter().map(|b| b.2 as usize).sum::<usize>(),
        rows,
        "{by_branch:?}"
    );
    assert_eq!(
        by_branch
            .iter()
            .map(|b| (b.0.as_str(), b.1.as_str()))
            .collect::<Vec<_>>(),
        [("Makassar", "2025-H1"), ("Medan", "2025-H1")]
    );
    assert!(
        out.join("lake/events/branch=Makassar/semester=2025-H1")
            .is_dir()
    );
    // The report states each branch's calendar, in its own time zone.
    let html = std::fs::read_to_string(out.join("laporan-2025-H1.html")).unwrap();
    let calendars = &html[html.find("id=\"calendars\"").expect("the calendars line")..];
    let calendars = &calendars[..calendars.find("</p>").unwrap()];
    assert!(
        calendars.contains("Medan (Asia&#x2f;Jakarta): Sen 08:00-17:00"),
        "{calendars}"
    );
    assert!(
        calendars.contains("Makassar (Asia&#x2f;Makassar): Sen 08:00-17:00"),
        "{calendars}"
    );
}
