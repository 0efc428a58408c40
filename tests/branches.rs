//! A group of branches (issue 13): each branch judged by its own data cut-off.

use crate::support::{Inputs, findings_csv, run_findings, run_into, stderr, tempdir};

#[test]
fn each_branch_has_its_own_cut_off() {
    let dir = tempdir();
    let inputs = Inputs::new(dir.path());
    let write = |name: &str, text: &str| inputs.write(name, text);
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

/// The headline compliance figure of a report page.
fn overall_rate(html: &str) -> String {
    let start = html
        .find("<div id=\"overall-rate\">")
        .expect("the headline");
    let b = html[start..].find("<b>").unwrap() + start + 3;
    html[b..b + html[b..].find('<').unwrap()].to_string()
}

/// `patuh sample --scale K` of the days `from` to `to`, written to `d/data`.
fn sample_group(d: &std::path::Path, scale: u32, from: &str, to: &str) -> std::path::PathBuf {
    let data = d.join("data");
    let o = crate::support::patuh(
        d,
        &[
            "--quiet",
            "sample",
            "--scale",
            &scale.to_string(),
            "--from",
            from,
            "--to",
            to,
            "--out",
            data.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    data
}

#[test]
fn a_scaled_group_gets_a_group_report_and_one_report_per_branch_in_its_own_zone() {
    let dir = tempdir();
    let d = dir.path();
    let data = sample_group(d, 3, "2025-07-01", "2025-12-31");
    // Three branches in two time zones.
    let config = std::fs::read_to_string(data.join("patuh.toml")).unwrap();
    assert!(config.contains("name = \"Makassar\"\ntime_zone = \"Asia/Makassar\""));
    let o = run_into(d, &data);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = d.join("out");
    let rows = findings_csv(&out);
    let branches: std::collections::BTreeSet<&str> =
        rows.iter().map(|f| f["branch"].as_str()).collect();
    assert_eq!(
        branches.into_iter().collect::<Vec<_>>(),
        ["Makassar", "Medan", "Pekanbaru"]
    );

    // The group report links each branch's own report, whose headline is that branch's row.
    let group = std::fs::read_to_string(out.join("laporan-2025-H2.html")).unwrap();
    let first_rate = regex::Regex::new(r#"^<td>.*?</td><td class="num">([^<]+)</td>"#).unwrap();
    for b in ["Makassar", "Medan", "Pekanbaru"] {
        let folder = format!("cabang/{}", patuh::report::file_name(b));
        let page = std::fs::read_to_string(out.join(&folder).join("laporan-2025-H2.html"))
            .unwrap_or_else(|_| panic!("{b}'s report"));
        assert!(page.contains(&format!("— Cabang {b}</h1>")));
        // The branch's workbook lists its own fails and unknowns, every one of them.
        let mut wb: calamine::Xlsx<_> =
            calamine::open_workbook(out.join(&folder).join("evaluasi-2025-H2.xlsx")).unwrap();
        let temuan = calamine::Reader::worksheet_range(&mut wb, "Temuan").unwrap();
        let listed: Vec<String> = temuan.rows().skip(1).map(|r| r[4].to_string()).collect();
        let expected = rows
            .iter()
            .filter(|f| f["branch"] == b && f["semester"] == "2025-H2")
            .filter(|f| matches!(f["status"].as_str(), "fail" | "unknown"))
            .count();
        assert!(expected > 0, "{b}");
        assert_eq!(listed.len(), expected, "{b}'s Temuan rows");
        assert!(
            listed.iter().all(|x| x == b),
            "{b}'s Temuan holds another branch"
        );
        let row = group
            .split(&format!("<tr data-branch=\"{b}\">"))
            .nth(1)
            .expect("the branch's row in the group report");
        assert!(
            row.starts_with(&format!(
                "<td><a href=\"{}\">",
                format!("{folder}/laporan-2025-H2.html").replace('/', "&#x2f;")
            )),
            "{}",
            &row[..120]
        );
        let shown = first_rate.captures(row).unwrap()[1].to_string();
        assert_eq!(overall_rate(&page), shown, "{b}");
        // Recomputed from findings.csv: the branch's pass / (pass + fail) this semester.
        let mine = rows
            .iter()
            .filter(|f| f["branch"] == b && f["semester"] == "2025-H2");
        let (pass, fail) = mine.fold((0, 0), |(p, f), x| match x["status"].as_str() {
            "pass" => (p + 1, f),
            "fail" => (p, f + 1),
            _ => (p, f),
        });
        let rate = patuh::report::format::percent(
            (1000.0 * pass as f64 / (pass + fail) as f64).round() / 10.0,
            patuh::lang::Lang::Id,
        );
        assert_eq!(shown, rate, "{b}");
    }
    // The branches month by month: Makassar's July recomputed from findings.csv and cases.csv
    // (the month of the case's start).
    let trend = group
        .split("id=\"branch-trend\"")
        .nth(1)
        .expect("the branch trend table");
    let trend = &trend[..trend.find("</table>").unwrap()];
    assert_eq!(trend.matches("<tr data-branch=").count(), 3);
    let opened: std::collections::HashMap<(String, String), String> = {
        let mut r = csv::Reader::from_path(out.join("cases.csv")).unwrap();
        let h = r.headers().unwrap().clone();
        let col = |n: &str| h.iter().position(|x| x == n).unwrap();
        let (k, key, at) = (col("case_kind"), col("case_key"), col("opened_at"));
        r.records()
            .map(|x| x.unwrap())
            .map(|x| {
                (
                    (x[k].to_string(), x[key].to_string()),
                    x[at][..7].to_string(),
                )
            })
            .collect()
    };
    let (pass, fail) = rows
        .iter()
        .filter(|f| f["branch"] == "Makassar" && f["semester"] == "2025-H2")
        .filter(|f| {
            opened
                .get(&(f["case_kind"].clone(), f["case_key"].clone()))
                .is_some_and(|m| m == "2025-07")
        })
        .fold((0, 0), |(p, n), f| match f["status"].as_str() {
            "pass" => (p + 1, n),
            "fail" => (p, n + 1),
            _ => (p, n),
        });
    let july = patuh::report::format::percent(
        (1000.0 * pass as f64 / (pass + fail) as f64).round() / 10.0,
        patuh::lang::Lang::Id,
    );
    let makassar = trend.split("<tr data-branch=\"Makassar\">").nth(1).unwrap();
    assert!(
        makassar.starts_with(&format!("<td>Makassar</td><td class=\"num\">{july}</td>")),
        "{}",
        &makassar[..100]
    );

    // Makassar's claims are written with +0800 offsets and read in Makassar's zone: a claim's
    // case opens at the local time written in the export.
    let export = std::fs::read_to_string(data.join("tickets/zendesk_purna_jual.csv")).unwrap();
    let line = export
        .lines()
        .find(|l| l.ends_with(",Makassar"))
        .expect("a Makassar claim");
    let id = line.split(',').next().unwrap();
    let written = regex::Regex::new(r"(\d{4}-\d\d-\d\d \d\d:\d\d):\d\d \+0800")
        .unwrap()
        .captures(line)
        .expect("a +0800 time")[1]
        .to_string();
    let mut cases = csv::Reader::from_path(out.join("cases.csv")).unwrap();
    let h = cases.headers().unwrap().clone();
    let col = |n: &str| h.iter().position(|x| x == n).unwrap();
    let case = cases
        .records()
        .map(|r| r.unwrap())
        .find(|r| &r[col("case_key")] == id)
        .expect("the claim's case");
    assert_eq!(&case[col("branch")], "Makassar");
    assert_eq!(&case[col("opened_at")][..16], written, "{case:?}");

    // The lake holds every finding of findings.csv, read back with hive partitions.
    let conn = duckdb::Connection::open_in_memory().unwrap();
    let glob = out.join("lake/findings/**/*.parquet");
    let per_branch: Vec<(String, i64)> = conn
        .prepare(&format!(
            "select branch, count(*) from read_parquet('{}', hive_partitioning = true) group by branch order by branch",
            glob.display()
        ))
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let expected: Vec<(String, i64)> = ["Makassar", "Medan", "Pekanbaru"]
        .iter()
        .map(|b| {
            (
                b.to_string(),
                rows.iter().filter(|f| f["branch"] == *b).count() as i64,
            )
        })
        .collect();
    assert_eq!(per_branch, expected);
}

/// One branch's exports in `dir`: bookings answered after 2, 4, …, 12 minutes in chat, by two
/// advisors, so each branch has passes and fails of its own.
fn branch_exports(dir: &std::path::Path, prefix: &str, phone_base: u32, advisors: [&str; 2]) {
    std::fs::create_dir_all(dir).unwrap();
    let mut bookings =
        String::from("No. Booking,Tanggal Booking,Nama Pelanggan,No. HP,Jadwal,SA\n");
    for i in 0..6u32 {
        let day = 3 + i;
        let phone = format!("0812{:08}", phone_base + i);
        let name = format!("Pelanggan {prefix}{i}");
        bookings.push_str(&format!(
            "{prefix}{i},{day:02}/11/2025 09.00,{name},{phone},{:02}/11/2025 10.00,{}\n",
            day + 7,
            advisors[(i % 2) as usize]
        ));
        let reply = 2 + 2 * i;
        std::fs::write(
            dir.join(format!("WhatsApp Chat with {name}.txt")),
            format!(
                "{day:02}/11/25 09.00 - {name}: halo mau booking servis ya\n{day:02}/11/25 09.{reply:02} - GSI: baik kak, untuk kapan?\n{day:02}/11/25 09.30 - {name}: tanggal {} jam 10\n",
                day + 7
            ),
        )
        .unwrap();
    }
    std::fs::write(dir.join("booking.csv"), bookings).unwrap();
}

/// The sections of a report page that carry figures (not the run's own notes).
fn figures(html: &str) -> Vec<String> {
    ["summary", "clauses", "advisors", "sanctions", "review"]
        .iter()
        .map(|id| {
            let start = html
                .find(&format!("<section id=\"{id}\">"))
                .unwrap_or_else(|| panic!("section {id}"));
            let end = start + html[start..].find("</section>").unwrap();
            html[start..end].to_string()
        })
        .collect()
}

#[test]
fn branches_run_apart_then_reported_from_their_lakes_equal_one_joint_run() {
    let dir = tempdir();
    let d = dir.path();
    let inputs = d.join("in");
    branch_exports(&inputs.join("medan"), "M", 1000, ["Rina", "Budi"]);
    branch_exports(&inputs.join("makassar"), "K", 2000, ["Sari", "Andi"]);
    let config = d.join("patuh.toml");
    std::fs::write(
        &config,
        "[whatsapp]\nbusiness_names = [\"GSI\"]\n\n[[branch]]\nname = \"Medan\"\nfolders = [\"medan\"]\n\n[[branch]]\nname = \"Makassar\"\ntime_zone = \"Asia/Makassar\"\nfolders = [\"makassar\"]\n",
    )
    .unwrap();
    let run = |name: &str, inputs: &std::path::Path| {
        let o = crate::support::patuh(
            d,
            &[
                "--config",
                config.to_str().unwrap(),
                "--db",
                d.join(format!("{name}.duckdb")).to_str().unwrap(),
                "--quiet",
                "run",
                inputs.to_str().unwrap(),
                "--out",
                d.join(name).to_str().unwrap(),
            ],
        );
        assert!(o.status.success(), "{name}: {}", stderr(&o));
    };
    run("joint", &inputs);
    run("medan", &inputs.join("medan"));
    run("makassar", &inputs.join("makassar"));
    let o = crate::support::patuh(
        d,
        &[
            "--config",
            config.to_str().unwrap(),
            "--quiet",
            "report",
            "--from",
            d.join("medan/lake").to_str().unwrap(),
            "--from",
            d.join("makassar").to_str().unwrap(),
            "--out",
            d.join("from-lakes").to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        !d.join("from-lakes/.patuh-from-lakes.duckdb").exists(),
        "the temporary store is removed"
    );
    let page = |p: &str| std::fs::read_to_string(d.join(p)).unwrap();
    let (joint, apart) = (
        page("joint/laporan-2025-H2.html"),
        page("from-lakes/laporan-2025-H2.html"),
    );
    // Both branches, with fails and passes, so the comparison has something to compare.
    assert!(
        joint.contains("<tr data-branch=\"Makassar\">")
            && joint.contains("<tr data-branch=\"Medan\">")
    );
    for b in ["Makassar", "Medan"] {
        let reply: Vec<String> = findings_csv(&d.join("joint"))
            .into_iter()
            .filter(|f| f["branch"] == b && f["rule_id"] == "BKG-4.1.2")
            .map(|f| f["status"].clone())
            .collect();
        assert_eq!(
            reply.iter().filter(|s| *s == "fail").count(),
            4,
            "{b}: {reply:?}"
        );
        assert_eq!(reply.iter().filter(|s| *s == "pass").count(), 2, "{b}");
    }
    assert_eq!(figures(&joint), figures(&apart));
    assert!(
        apart.contains("id=\"from-lakes\""),
        "the report says it was built from lakes"
    );
    // Each branch's own report too.
    for b in ["Makassar", "Medan"] {
        let folder = format!("cabang/{}", patuh::report::file_name(b));
        assert_eq!(
            figures(&page(&format!("joint/{folder}/laporan-2025-H2.html"))),
            figures(&page(&format!("from-lakes/{folder}/laporan-2025-H2.html"))),
            "{b}"
        );
    }
    // A folder that is no lake is refused with a sentence.
    let o = crate::support::patuh(
        d,
        &["report", "--from", inputs.to_str().unwrap(), "--out", "x"],
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not a lake"), "{}", stderr(&o));
}

#[test]
fn a_chat_belongs_to_the_branch_whose_whatsapp_name_writes_in_it_and_is_judged_by_its_hours() {
    let dir = tempdir();
    let inputs = Inputs::new(dir.path());
    let write = |name: &str, text: &str| inputs.write(name, text);
    // Makassar closes at 16:00 on weekdays, Medan at 17:00; each branch has its own account.
    write(
        "patuh.toml",
        "[[branch]]\nname = \"Medan\"\nwhatsapp_names = [\"GSI Medan\"]\n\n[[branch]]\nname = \"Makassar\"\ntime_zone = \"Asia/Makassar\"\nwhatsapp_names = [\"GSI Makassar\"]\n[branch.hours]\nmon = \"08:00-16:00\"\ntue = \"08:00-16:00\"\nwed = \"08:00-16:00\"\nthu = \"08:00-16:00\"\nfri = \"08:00-16:00\"\n",
    );
    // One customer booked at both branches on Wednesday 5 November, a minute apart.
    write(
        "booking.csv",
        "No. Booking,Tanggal Booking,Nama Pelanggan,No. HP,Jadwal,SA,Cabang\nBM,05/11/2025 16.10,Ani,0812-3000-0001,12/11/2025 10.00,Rina,Medan\nBK,05/11/2025 16.45,Ani,0812-3000-0001,13/11/2025 10.00,Sari,Makassar\n",
    );
    // Medan answers at 16:04 (6 business minutes: a fail); Makassar at 16:30, after its 16:00
    // closing (2 business minutes: a pass; 32 had Medan's hours applied).
    write(
        "WhatsApp Chat with +62 812-3000-0001.txt",
        "05/11/25 15.58 - Ani: halo mau booking servis ya\n05/11/25 16.04 - GSI Medan: baik kak, untuk kapan?\n05/11/25 16.08 - Ani: tanggal 12 jam 10\n",
    );
    write(
        "WhatsApp Chat with Ani (Makassar).txt",
        "05/11/25 15.58 - +62 812-3000-0001: halo mau booking servis di makassar\n05/11/25 16.30 - GSI Makassar: baik kak, untuk kapan?\n05/11/25 16.40 - +62 812-3000-0001: tanggal 13 jam 10\n",
    );
    let rows = run_findings(dir.path(), &inputs);
    let reply = |key: &str| {
        rows.iter()
            .find(|f| f["case_key"] == key && f["rule_id"] == "BKG-4.1.2")
            .map(|f| {
                (
                    f["branch"].clone(),
                    f["status"].clone(),
                    f["measured"].clone(),
                )
            })
            .unwrap_or_else(|| panic!("{key}'s first reply"))
    };
    assert_eq!(reply("BM"), ("Medan".into(), "fail".into(), "6.0".into()));
    assert_eq!(
        reply("BK"),
        ("Makassar".into(), "pass".into(), "2.0".into())
    );
    // Each booking's evidence is its own branch's chat.
    let evidence = |key: &str| {
        rows.iter()
            .find(|f| f["case_key"] == key && f["rule_id"] == "BKG-4.1.2")
            .unwrap()["evidence"]
            .clone()
    };
    assert!(evidence("BK").contains("(Makassar)"), "{}", evidence("BK"));
    assert!(!evidence("BM").contains("(Makassar)"), "{}", evidence("BM"));
}

#[test]
fn a_lake_written_by_an_earlier_patuh_is_refused_with_a_sentence() {
    let dir = tempdir();
    let lake = dir.path().join("old/lake");
    let conn = duckdb::Connection::open_in_memory().unwrap();
    for table in ["findings", "cases", "events"] {
        let folder = lake.join(table).join("branch=Medan/semester=2025-H2");
        std::fs::create_dir_all(&folder).unwrap();
        conn.execute_batch(&format!(
            "copy (select 'booking' as case_kind, 'B1' as case_key) to '{}' (format parquet)",
            folder.join("data_0.parquet").display()
        ))
        .unwrap();
    }
    let o = crate::support::patuh(
        dir.path(),
        &[
            "report",
            "--from",
            dir.path().join("old").to_str().unwrap(),
            "--out",
            "x",
        ],
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(
        stderr(&o)
            .contains("written by an earlier patuh (findings have no column review_decision)"),
        "{}",
        stderr(&o)
    );
    assert!(!dir.path().join("x/.patuh-from-lakes.duckdb").exists());
}

/// A branch with findings in the previous semester and none in this one still counts in the
/// group's previous-semester figures (the change shown beside each rate).
#[test]
fn the_previous_semester_counts_a_branch_without_findings_this_semester() {
    let dir = tempdir();
    let d = dir.path();
    let data = sample_group(d, 2, "2025-01-01", "2025-12-31");
    let o = run_into(d, &data);
    assert!(o.status.success(), "{}", stderr(&o));
    let rows = findings_csv(&d.join("out"));
    // Pekanbaru stops: its findings of 2025-H2 leave the store.
    let conn = duckdb::Connection::open(d.join("s.duckdb")).unwrap();
    let gone = conn
        .execute(
            "delete from finding where branch = 'Pekanbaru' and semester = '2025-H2'",
            [],
        )
        .unwrap();
    assert!(gone > 0);
    drop(conn);
    let out = d.join("out2");
    let o = crate::support::patuh(
        d,
        &[
            "--db",
            d.join("s.duckdb").to_str().unwrap(),
            "--quiet",
            "report",
            "--semester",
            "2025-H2",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let rate = |semester: &str, with_pekanbaru: bool| {
        let (pass, fail) = rows
            .iter()
            .filter(|f| f["semester"] == semester)
            .filter(|f| with_pekanbaru || f["branch"] != "Pekanbaru")
            .fold((0, 0), |(p, f), x| match x["status"].as_str() {
                "pass" => (p + 1, f),
                "fail" => (p, f + 1),
                _ => (p, f),
            });
        pass as f64 / (pass + fail) as f64
    };
    let now = rate("2025-H2", false);
    let change = |before: f64| {
        patuh::report::format::points(
            ((now - before) * 1000.0).round() / 10.0,
            patuh::lang::Lang::Id,
        )
    };
    let (expected, without) = (
        change(rate("2025-H1", true)),
        change(rate("2025-H1", false)),
    );
    assert_ne!(expected, without, "the sample cannot tell the two apart");
    let page = std::fs::read_to_string(out.join("laporan-2025-H2.html")).unwrap();
    let headline = page
        .split("<div id=\"overall-rate\">")
        .nth(1)
        .and_then(|s| s.split("</div>").next())
        .expect("the headline");
    assert!(
        headline.contains(&expected),
        "{headline} (expected {expected})"
    );
}
