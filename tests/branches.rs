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

#[test]
fn each_file_is_read_in_its_branchs_time_zone() {
    use patuh::config::Config;
    use patuh::ingest::batch::{NoProgress, import};
    let dir = tempdir();
    let config = Config::parse(
        "[[branch]]\nname = \"Medan\"\nfolders = [\"medan/\"]\n\n[[branch]]\nname = \"Makassar\"\ntime_zone = \"Asia/Makassar\"\nfolders = [\"makassar\"]\n",
        std::path::Path::new("patuh.toml"),
    )
    .unwrap();
    let write = |rel: &str, text: &str| {
        let p = dir.path().join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(&p, text).unwrap();
    };
    // The same instant, 08:00 in WIB (+07:00), from a helpdesk export in each branch's folder.
    let export = |id: &str| {
        format!(
            "Ticket ID,Created at,Type,Subject\n{id},2025-03-03T08:00:00+07:00,question,Jadwal servis\n"
        )
    };
    write("medan/tiket.csv", &export("T-MDN"));
    write("makassar/tiket.csv", &export("T-MKS"));
    // Outside both folders: with a Cabang column each row says its branch; without, refused.
    write(
        "pusat/tiket_cabang.csv",
        "Ticket ID,Created at,Type,Subject,Cabang\nT-A,2025-03-03T08:00:00+07:00,question,x,Makassar\nT-B,2025-03-03T08:00:00+07:00,question,y,Medan\n",
    );
    write("pusat/tiket_lain.csv", &export("T-X"));
    let mut store = patuh::store::Store::open(&dir.path().join("s.duckdb")).unwrap();
    let (inputs, _) = patuh::ingest::collect_inputs(&[
        dir.path().join("medan"),
        dir.path().join("makassar"),
        dir.path().join("pusat"),
    ])
    .unwrap();
    let batch = import(&mut store, &config, &inputs, None, &NoProgress).unwrap();
    let lost = batch
        .files
        .iter()
        .find(|f| f.path.ends_with("tiket_lain.csv"))
        .unwrap();
    assert_eq!(lost.status, patuh::ingest::load::Status::Failed);
    assert!(lost.warnings[0].contains("matches no branch"), "{lost:?}");
    let rows: Vec<(String, String, Option<String>)> = patuh::store::rows(
        store.conn(),
        "select ticket_id, strftime(created_at, '%H:%M'), branch from raw_ticket order by ticket_id",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
    .unwrap();
    let hm = |id: &str| rows.iter().find(|r| r.0 == id).unwrap().clone();
    assert_eq!(hm("T-MDN").1, "08:00");
    assert_eq!(hm("T-MKS").1, "09:00", "WITA is an hour ahead");
    assert_eq!(
        hm("T-MKS").2.as_deref(),
        Some("Makassar"),
        "the folder names the branch"
    );
    assert_eq!(hm("T-A").1, "09:00");
    assert_eq!(hm("T-B").1, "08:00");
}
