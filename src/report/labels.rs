//! Every label the report, the scorecards and the workbook print, in Indonesian and English:
//! one language per page, never mixed.

use crate::config::Lang;
use std::collections::BTreeMap;

const LABELS: &[(&str, &str, &str)] = &[
    // The page's language, for <html lang> (screen readers, hyphenation).
    ("lang", "id", "en"),
    (
        "title",
        "Laporan Evaluasi Kepatuhan SOP",
        "SOP Compliance Evaluation Report",
    ),
    ("semester", "Semester", "Semester"),
    ("generated", "Dibuat", "Generated"),
    ("summary", "Ringkasan Eksekutif", "Executive Summary"),
    ("branches", "Perbandingan cabang", "Branch comparison"),
    ("branch", "Cabang", "Branch"),
    (
        "workbook_scope",
        "Lembar Temuan memuat setiap temuan gagal, tidak diketahui dan yang ditinjau, lembar Kasus kasusnya; semua temuan (juga lulus dan tidak berlaku) ada di findings.csv dan findings.parquet di samping berkas ini.",
        "The Temuan sheet holds every failed, unknown and reviewed finding, the Kasus sheet their cases; every finding (passes and n/a too) is in findings.csv and findings.parquet beside this file.",
    ),
    (
        "group_report",
        "Laporan grup (semua cabang)",
        "Group report (every branch)",
    ),
    (
        "from_lakes",
        "Laporan ini dibuat dari lake saja (tanpa store), sehingga angka impor dan karantina tidak tersedia; lake yang dibaca:",
        "This report was built from lakes alone (no store), so import and quarantine figures are not available; lakes read:",
    ),
    (
        "quality_group_note",
        "Angka impor di bawah ini mencakup berkas seluruh grup, bukan hanya cabang ini.",
        "The import figures below cover the whole group's files, not this branch alone.",
    ),
    (
        "worst_clauses",
        "Klausul paling sering gagal",
        "Clauses failed most",
    ),
    ("overall", "Kepatuhan klausul", "Clause compliance"),
    (
        "cases_violating",
        "Kasus dengan pelanggaran",
        "Cases with a violation",
    ),
    ("of", "dari", "of"),
    ("clause_checks", "pemeriksaan klausul", "clause checks"),
    ("cases_judged", "kasus dinilai", "cases judged"),
    ("cases_judged_h", "Kasus dinilai", "Cases judged"),
    ("cases_violating_h", "Kasus melanggar", "Cases violating"),
    ("case_share_h", "% kasus melanggar", "% cases violating"),
    (
        "headline_note",
        "Dua angka, dua pertanyaan. Kepatuhan klausul = pemeriksaan klausul yang lulus dibagi pemeriksaan yang lulus atau gagal (tidak berlaku dan tidak diketahui tidak dihitung). Kasus dengan pelanggaran = kasus yang sedikitnya satu klausulnya gagal, dibagi kasus yang dinilai. Satu kasus diperiksa oleh banyak klausul, sehingga kepatuhan klausul yang tinggi dapat berdampingan dengan banyak kasus yang melanggar.",
        "Two figures, two questions. Clause compliance = clause checks passed divided by checks passed or failed (not applicable and unknown are not counted). Cases with a violation = cases with at least one failed clause, divided by the cases judged. A case is checked by many clauses, so a high clause compliance can sit beside many violating cases.",
    ),
    ("per_sop", "Kepatuhan per SOP", "Compliance per SOP"),
    ("previous", "Semester sebelumnya", "Previous semester"),
    ("previous_short", "Sebelumnya", "Previous"),
    ("contents", "Daftar isi", "Contents"),
    (
        "holidays_national",
        "libur nasional (cuti bersama buka)",
        "national holidays (open on cuti bersama)",
    ),
    (
        "holidays_with_cuti",
        "libur nasional dan cuti bersama",
        "national holidays and cuti bersama",
    ),
    ("days_off", "hari libur perusahaan", "company days off"),
    ("clause_name", "Nama klausul", "Clause name"),
    ("no_category", "(tanpa kategori)", "(no category)"),
    (
        "no_question",
        "(pertanyaan tidak dicatat)",
        "(no question recorded)",
    ),
    ("no_product", "(produk tidak dicatat)", "(no product)"),
    (
        "no_warranty_status",
        "(status garansi tidak dicatat)",
        "(no warranty status)",
    ),
    ("change", "Perubahan", "Change"),
    (
        "worse",
        "Tiga klausul yang paling memburuk",
        "The three clauses that got worse most",
    ),
    (
        "per_clause",
        "Kepatuhan per Klausul",
        "Compliance per Clause",
    ),
    (
        "pareto",
        "Pelanggaran per klausul (Pareto)",
        "Violations per clause (Pareto)",
    ),
    ("violations", "pelanggaran", "violations"),
    (
        "other_clauses",
        "lainnya ({n} klausul)",
        "other ({n} clauses)",
    ),
    ("cumulative", "Kumulatif", "Cumulative"),
    ("page", "Halaman", "Page"),
    ("trend", "Tren Bulanan per SOP", "Monthly Trend per SOP"),
    (
        "trend_chart",
        "Kepatuhan bulanan per SOP",
        "Monthly compliance per SOP",
    ),
    (
        "distributions",
        "Sebaran Waktu Respons",
        "Response-time Distributions",
    ),
    ("median", "Median", "Median"),
    ("p90", "Persentil ke-90", "90th percentile"),
    ("limit", "Batas", "Limit"),
    ("advisors", "Peringkat Petugas", "Advisors Ranked"),
    (
        "advisors_chart",
        "Kepatuhan per SOP tiap petugas",
        "Compliance per SOP for each advisor",
    ),
    ("advisor", "Petugas", "Advisor"),
    (
        "sanctions",
        "Rekomendasi Sanksi (SOP bagian 7)",
        "Sanction Recommendations (SOP section 7)",
    ),
    (
        "sanctions_note",
        "Rekomendasi ini dihitung dari temuan gagal saja (bukan tidak diketahui) dengan ambang di konfigurasi; keputusan tetap pada atasan. Penggantian rugi tidak pernah direkomendasikan otomatis: kasus di bawah perlu ditinjau.",
        "Recommendations count fail findings only (never unknown) under the configured thresholds; the decision stays with the supervisor. Compensation is never recommended automatically: the cases below need a review.",
    ),
    (
        "sanction_rule_per_100",
        "Aturan yang dipakai: satu pelanggaran = satu kasus dengan sedikitnya satu klausul gagal pada SOP itu (beberapa klausul gagal pada satu kasus tetap satu pelanggaran), dihitung per 100 kasus yang ditangani petugas pada SOP itu. Sampai {verbal} per 100 kasus: teguran lisan; sampai {written}: teguran tertulis; di atasnya, atau kepatuhan klausul di bawah {rate}: evaluasi kinerja.",
        "Rule applied: one violation = one case with at least one failed clause of that SOP (several failed clauses in one case are one violation), counted per 100 cases the advisor handled in that SOP. Up to {verbal} per 100 cases: verbal warning; up to {written}: written warning; above, or clause compliance under {rate}: performance review.",
    ),
    (
        "sanction_rule_cases",
        "Aturan yang dipakai: satu pelanggaran = satu kasus dengan sedikitnya satu klausul gagal pada SOP itu (beberapa klausul gagal pada satu kasus tetap satu pelanggaran) dalam semester. 1–{verbal} pelanggaran: teguran lisan; sampai {written}: teguran tertulis; lebih, atau kepatuhan klausul di bawah {rate}: evaluasi kinerja.",
        "Rule applied: one violation = one case with at least one failed clause of that SOP (several failed clauses in one case are one violation) in the semester. 1–{verbal} violations: verbal warning; up to {written}: written warning; more, or clause compliance under {rate}: performance review.",
    ),
    (
        "violations_cases",
        "Pelanggaran (kasus)",
        "Violations (cases)",
    ),
    ("failed_clauses", "Klausul gagal", "Failed clauses"),
    ("per_100_cases", "Per 100 kasus", "Per 100 cases"),
    ("recommendation", "Rekomendasi", "Recommendation"),
    ("none", "Tidak ada", "None"),
    ("verbal", "Teguran lisan", "Verbal warning"),
    ("written", "Teguran tertulis", "Written warning"),
    ("review", "Evaluasi kinerja", "Performance review"),
    (
        "compensation_review",
        "Kasus untuk ditinjau terkait penggantian rugi",
        "Cases to review for compensation",
    ),
    ("examples", "Contoh Terburuk", "Worst Examples"),
    (
        "shown_of_advisor",
        "Ditampilkan {shown} temuan gagal terburuk dari {total}; semuanya ada di lembar Temuan pada {file} (saring kolom Petugas).",
        "The worst {shown} of {total} failed findings shown; all of them are on the Temuan sheet of {file} (filter the Advisor column).",
    ),
    (
        "shown_of",
        "Ditampilkan {shown} dari {total}; semuanya ada di lembar Temuan pada {file} (saring kolom Status dan Klausul).",
        "{shown} of {total} shown; all of them are on the Temuan sheet of {file} (filter the Status and Clause columns).",
    ),
    (
        "topics",
        "Pertanyaan yang Berulang (INQ tahap 7)",
        "Recurring Inquiries (INQ stage 7)",
    ),
    (
        "recap",
        "Rekap Keluhan Purna Jual (PJL tahap 5)",
        "After-sales Complaint Recap (PJL stage 5)",
    ),
    (
        "quality",
        "Lampiran: Kualitas Data",
        "Appendix: Data Quality",
    ),
    (
        "quality_note",
        "Data yang hilang bukan berarti layanan baik: status tidak diketahui dihitung terpisah, tidak pernah sebagai lulus atau gagal.",
        "Missing data is not good service: unknown statuses are counted apart, never as pass or fail.",
    ),
    ("kind", "Jenis", "Kind"),
    ("files", "Berkas", "Files"),
    ("rows_read", "Baris dibaca", "Rows read"),
    ("rows_loaded", "Baris dimuat", "Rows loaded"),
    ("rows_quarantined", "Baris dikarantina", "Rows quarantined"),
    (
        "rows_skipped",
        "Baris dilewati (kosong, total)",
        "Rows skipped (blank, totals)",
    ),
    ("chats", "Obrolan", "Chats"),
    ("messages", "Pesan", "Messages"),
    ("link", "Cara ditautkan", "How linked"),
    (
        "unknown_per_rule",
        "Tidak diketahui per klausul",
        "Unknown per clause",
    ),
    (
        "failed_files",
        "Berkas yang gagal diimpor (tidak ada datanya dalam laporan ini)",
        "Files that could not be imported (none of their data is in this report)",
    ),
    (
        "unknown_advisors",
        "Nama petugas yang tidak ada di daftar petugas",
        "Advisor names missing from the roster",
    ),
    ("source", "Sumber", "Source"),
    ("sop", "SOP", "SOP"),
    ("rule", "Klausul", "Clause"),
    ("pass", "Lulus", "Pass"),
    ("fail", "Gagal", "Fail"),
    ("advisory", "Saran", "Advisory"),
    ("na", "Tidak berlaku", "N/A"),
    ("unknown", "Tidak diketahui", "Unknown"),
    ("rate", "Kepatuhan", "Compliance"),
    ("cases", "Kasus", "Cases"),
    ("case", "Kasus", "Case"),
    ("case_kind", "Jenis kasus", "Case kind"),
    ("kind_booking", "Booking", "Booking"),
    ("kind_job", "Pekerjaan servis", "Service job"),
    ("kind_followup", "Follow-up", "Follow-up"),
    ("kind_inquiry", "Inquiry", "Inquiry"),
    ("kind_aftersales", "Purna jual", "After-sales"),
    ("status", "Status", "Status"),
    ("started", "Mulai", "Started"),
    ("due", "Tenggat", "Due"),
    ("done", "Selesai", "Done"),
    ("opened_at", "Dibuka", "Opened"),
    ("closed_at", "Ditutup", "Closed"),
    ("measured", "Terukur", "Measured"),
    ("reason", "Alasan", "Reason"),
    ("evidence", "Bukti", "Evidence"),
    ("excerpt", "Cuplikan pesan", "Message excerpt"),
    ("customer", "Pelanggan", "Customer"),
    ("time", "Waktu", "Time"),
    ("topic", "Topik", "Topic"),
    ("tickets", "Tiket", "Tickets"),
    ("branch_avg", "Cabang", "Branch"),
    (
        "rules_vs_branch",
        "Per klausul dibanding cabang",
        "Per clause against the branch",
    ),
    ("branch_median", "Median cabang", "Branch median"),
    ("unit", "Satuan", "Unit"),
    ("scorecard", "Kartu Nilai Petugas", "Advisor Scorecard"),
    ("scorecards", "Kartu nilai petugas", "Advisor scorecards"),
    (
        "failed_findings",
        "Semua temuan gagal",
        "Every failed finding",
    ),
    ("back", "Kembali ke laporan", "Back to the report"),
    ("review", "Peninjauan", "Review"),
    (
        "review_note",
        "Supervisor meninjau temuan dan memutuskan: setuju (temuan benar), batal (temuan tidak dihitung) atau ubah status. Semua angka laporan ini memakai status setelah peninjauan; status menurut patuh tetap tersimpan (machine_status di findings.csv), tidak ada yang dihapus.",
        "Supervisors review findings and decide: uphold (the finding stands), void (it is not counted) or change its status. Every figure of this report uses the status after review; patuh's own verdict is kept (machine_status in findings.csv), nothing is deleted.",
    ),
    (
        "review_none",
        "Belum ada temuan yang ditinjau pada semester ini. `patuh review export` menulis lembar tinjauan untuk supervisor.",
        "No finding has been reviewed this semester. `patuh review export` writes the review workbook for supervisors.",
    ),
    ("coverage", "Cakupan data", "Data coverage"),
    (
        "branch_trend",
        "Kepatuhan klausul per cabang, bulan demi bulan",
        "Clause compliance per branch, month by month",
    ),
    (
        "coverage_note",
        "Aturan yang memerlukan kolom yang tidak ada di ekspor sebuah cabang dinilai tidak diketahui untuk kasus itu, bukan gagal: datanya tidak dapat menunjukkan apa yang dilakukan petugas.",
        "A rule that needs a column a branch's export lacks is unknown for those cases, never a fail: the data cannot show what the advisor did.",
    ),
    (
        "coverage_complete",
        "Setiap aturan mendapat kolom yang diperlukannya dari ekspor semua cabang.",
        "Every rule found the columns it needs in every branch's exports.",
    ),
    ("judged", "Dinilai", "Judged"),
    (
        "unknown_missing",
        "Tidak diketahui (data tidak ada)",
        "Unknown (data missing)",
    ),
    ("missing_columns", "Kolom yang tidak ada", "Missing columns"),
    ("reviewed", "Ditinjau", "Reviewed"),
    ("total", "Jumlah", "Total"),
    ("upheld", "Dikuatkan", "Upheld"),
    ("overturned", "Dibatalkan/diubah", "Overturned"),
    ("overturn_rate", "Porsi dibatalkan", "Share overturned"),
    (
        "review_rules",
        "Aturan yang paling sering dibatalkan",
        "Rules most often overturned",
    ),
    (
        "review_rules_note",
        "Banyak pembatalan pada satu aturan menandakan aturan itu atau datanya perlu diperbaiki.",
        "Many overturned findings on one rule are a sign that the rule or its data needs work.",
    ),
    (
        "review_chance",
        "Kesempatan peninjauan bagi petugas dengan rekomendasi sanksi",
        "Chance of review for advisors with a sanction recommendation",
    ),
    ("machine_fails", "Gagal menurut patuh", "Fails by patuh"),
    ("fails_reviewed", "Gagal yang ditinjau", "Fails reviewed"),
    ("review_share", "Porsi ditinjau", "Share reviewed"),
    (
        "review_not_applied",
        "Keputusan yang tidak diterapkan: {stale} usang (bukti temuan berubah sejak keputusan) dan {no_finding} tanpa temuan; `patuh check` mendaftarnya dengan berkas dan barisnya.",
        "Decisions not applied: {stale} stale (the finding's evidence changed since the decision) and {no_finding} with no finding; `patuh check` lists them with their file and row.",
    ),
    ("decision", "Keputusan", "Decision"),
    ("decision_uphold", "Setuju", "Upheld"),
    ("decision_void", "Batal", "Void"),
    ("decision_change:pass", "Ubah ke lulus", "Changed to pass"),
    ("decision_change:fail", "Ubah ke gagal", "Changed to fail"),
    (
        "decision_change:na",
        "Ubah ke tidak berlaku",
        "Changed to n/a",
    ),
    ("reviewer", "Peninjau", "Reviewer"),
    ("review_reason", "Alasan peninjau", "Reviewer's reason"),
    ("machine_verdict", "Status patuh", "patuh's verdict"),
    ("after_review", "Setelah peninjauan", "After review"),
    (
        "overturned_findings",
        "Temuan yang dibatalkan atau diubah peninjau",
        "Findings overturned in review",
    ),
    (
        "reviewed_of_fails",
        "{reviewed} dari {fails} temuan gagal menurut patuh telah ditinjau.",
        "{reviewed} of {fails} fails by patuh have been reviewed.",
    ),
    ("month", "Bulan", "Month"),
    ("no_data", "Tidak ada data", "No data"),
    ("calendar", "Kalender yang dipakai", "Calendar used"),
    (
        "day_names",
        "Sen,Sel,Rab,Kam,Jum,Sab,Min",
        "Mon,Tue,Wed,Thu,Fri,Sat,Sun",
    ),
    ("closed", "tutup", "closed"),
    ("unit_business_minutes", "menit kerja", "business minutes"),
    ("unit_minutes", "menit", "minutes"),
    ("unit_calendar_days", "hari kalender", "calendar days"),
    ("unit_operating_days", "hari kerja", "operating days"),
    ("unit_messages", "pesan", "messages"),
    ("unit_fields", "isian", "fields"),
    (
        "unit_days without update",
        "hari tanpa update",
        "days without update",
    ),
    ("holidays_national", "libur nasional", "national holidays"),
    (
        "holidays_cuti",
        "libur nasional dan cuti bersama",
        "national holidays and collective leave",
    ),
    ("sop_BKG", "Booking online", "Online booking"),
    (
        "sop_KSP",
        "Komunikasi status pengerjaan",
        "Work-status communication",
    ),
    (
        "sop_FUT",
        "Follow-up dan testimoni",
        "Follow-up and testimonial",
    ),
    ("sop_INQ", "Penanganan inquiry", "Inquiry handling"),
    ("sop_PJL", "Layanan purna jual", "After-sales service"),
    ("sop_CHK", "Checklist manual", "Manual checklists"),
    (
        "first_reply",
        "Balasan pertama booking (BKG-4.1.2), menit kerja",
        "Booking first reply (BKG-4.1.2), business minutes",
    ),
    (
        "status_contact",
        "Kontak setelah perubahan status (KSP-5.1), menit kerja",
        "Contact after a status change (KSP-5.1), business minutes",
    ),
    (
        "followup_days",
        "Follow-up setelah selesai (FUT-5.1), hari kalender",
        "Follow-up after completion (FUT-5.1), calendar days",
    ),
];

/// The labels of one language, by key.
pub fn labels(lang: Lang) -> BTreeMap<&'static str, &'static str> {
    LABELS
        .iter()
        .map(|(k, id, en)| (*k, if lang == Lang::En { *en } else { *id }))
        .collect()
}

/// Codes the data carries (source kinds, how a chat was linked, case kinds) in the page's
/// words, for the `code` filter; an unlisted code prints as it is.
const CODES: &[(&str, &str, &str)] = &[
    ("booking", "Log booking", "Booking log"),
    ("work_order", "Work order (SPK)", "Work order"),
    ("ticket", "Tiket", "Ticket"),
    ("checklist", "Checklist SOP", "SOP checklist"),
    ("roster", "Daftar petugas", "Advisor roster"),
    ("whatsapp", "Ekspor WhatsApp", "WhatsApp export"),
    ("phone", "Nomor telepon", "Phone number"),
    (
        "plate",
        "Nomor polisi di nama kontak",
        "Plate in the contact name",
    ),
    ("name", "Nama kontak", "Contact name"),
    (
        "ambiguous",
        "Ambigu (beberapa pelanggan mungkin)",
        "Ambiguous (several possible customers)",
    ),
    ("unlinked", "Tidak tertaut", "Not linked"),
    ("job", "Pekerjaan", "Job"),
    ("followup", "Follow-up", "Follow-up"),
    ("inquiry", "Inquiry", "Inquiry"),
    ("aftersales", "Purna jual", "After-sales"),
    ("(no category)", "(tanpa kategori)", "(no category)"),
];

/// The codes of one language, by code.
pub fn codes(lang: Lang) -> BTreeMap<String, String> {
    CODES
        .iter()
        .map(|(k, id, en)| {
            (
                k.to_string(),
                (if lang == Lang::En { *en } else { *id }).to_string(),
            )
        })
        .collect()
}
