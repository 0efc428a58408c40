//! Style b: how the advisors and customers of a second branch write (`patuh sample --style b`).
//! Written fresh for measuring generalisation: neither the lexicon (`rules/lexicon.toml`) nor
//! the model's corpus (`rules/corpus/`) was written from these sentences, and neither may be
//! tuned on them. Placeholders and meaning match `text.rs` one for one, so the known answers
//! hold.

pub const CUSTOMER_GREETING: &[&str] = &[
    "{Waktu} admin, sy pengen ambil antrian servis {day}",
    "min {day} jm {hour} kosong? mau masukin mobil",
    "kak pesen tempat servis dong",
    "{Waktu}, bengkel bisa terima mobil sy {day}?",
    "halo, ada jadwal buat servis rutin {day}?",
];

pub const ADVISOR_FIRST_REPLY: &[&str] = &[
    "{Waktu}, {advisor} dari GSI Pekanbaru siap bantu 🙏 tolong kirim: nama pemilik, nopol, tipe, keluhan, mau datang kapan",
    "Hai kak, {advisor} di sini. Biar bisa kami daftarkan, kirim nama + nopol + mobil + keluhan + jam datang ya",
    "Bisa kak 😊 ketik aja data mobilnya (nama/nopol/tipe/keluhan/waktu) nanti kami masukkan",
];

pub const CUSTOMER_DATA: &[&str] = &[
    "{name} | {plate} | {vehicle} | {service} | {slot}",
    "atas nama {name}, {vehicle} nopol {plate}, {service}, datang {slot}",
    "{name}\n{plate}\n{vehicle}\n{service}\n{slot}",
];

pub const CONFIRMATION: &[&str] = &[
    "oke kak, udah saya masukin antrian {slot} ya, {vehicle} {plate} buat {service}",
    "Siap pak, tempat buat {plate} ({service}) sudah kami amankan {slot}",
    "Noted Bu, {vehicle} {plate} masuk list servis {slot}, ditunggu kedatangannya",
];

pub const SLOT_FULL_WITH_ALTERNATIVE: &[&str] = &[
    "Aduh kak, {asked} udah ada yang isi. Kalau {slot} gimana?",
    "Untuk {asked} kami sudah tidak muat pak, yang masih lowong {slot}, mau?",
];

pub const SLOT_FULL_NO_ALTERNATIVE: &[&str] = &[
    "Aduh kak, {asked} udah ada yang isi.",
    "Untuk {asked} kami sudah tidak muat pak.",
];

pub const CUSTOMER_ACCEPT: &[&str] = &["gpp kak itu aja", "boleh deh", "ya udah yg itu", "oke sip"];

pub const REMINDER: &[&str] = &[
    "Kak, jangan lupa ya besok {slot} giliran servis {plate} di GSI Pekanbaru",
    "Pak, sekedar info besok {slot} ada antrian servis {vehicle} atas nama Bapak",
    "Bu, besok {slot} kami tunggu di bengkel ya untuk {plate}",
];

pub const PERSONAL_DATA_REQUEST: &[&str] = &[
    "Kak tolong fotoin KTP sama kartu keluarga juga ya buat arsip",
    "Pak, kami perlu tanggal lahir dan alamat rumah lengkap juga",
];

pub const CUSTOMER_QUESTION: &[&str] = &[
    "lama gak kak nungguinnya?",
    "bisa transfer aja kan bayarnya?",
    "ada tempat nunggu yg adem?",
    "olinya merk apa kak?",
];

pub const ADVISOR_ANSWER: &[&str] = &[
    "Biasanya 2 jam-an kak.",
    "Bisa pak, transfer atau tunai sama saja.",
    "Ada bu, lounge kami ber-AC.",
    "Kami pakai oli standar pabrik kak.",
];

pub const ACK: &[&str] = &["sip", "oke makasih", "👌", "baik pak", "thx kak"];

pub const NOSHOW_CONTACT: &[&str] = &[
    "Pak, hari ini Bapak belum sempat datang ya? kalau mau kami carikan hari lain",
    "Kak, tadi jadwalnya kelewat, mau kami geser ke hari lain?",
];

pub const DIAGNOSIS: &[&str] = &[
    "Pak, abis dicek teknisi ketemu {finding}, kelar kira-kira {eta}, ongkosnya Rp {cost}",
    "Kak info ya: {finding}. Targetnya beres {eta}, biayanya {cost_short}",
];

pub const APPROVAL_REQUEST: &[&str] = &[
    "Pak {part} juga sebaiknya diganti, Rp {cost}, gimana?",
    "Kak sekalian {part} ya? tambah Rp {cost}",
];

pub const APPROVAL: &[&str] = &["gas kak", "ya sekalian aja", "oke ganti", "silakan pak"];

pub const PROGRESS: &[&str] = &[
    "Pak, mobilnya lagi di tangan mekanik, udah setengah jalan",
    "Kak, masih dikerjain ya, aman sesuai rencana",
    "Info pak: sparepart udah terpasang, sisa dicek ulang",
    "Bu, unit masih proses, besok kami kabari lagi",
];

pub const DELAY_GOOD: &[&str] = &[
    "Pak kami minta maaf, molor karena {reason}. Jadinya {eta}, nanti mobil kami antar ke rumah tanpa biaya",
    "Kak maaf banget ya telat gara-gara {reason}, targetnya jadi {eta}, ongkos jasa kami potong 10%",
];

pub const DELAY_BARE: &[&str] = &[
    "Pak, belum kelar soalnya {reason}, jadinya {eta}",
    "Kak, masih ada {reason}, beres {eta}",
];

pub const COMPLETION: &[&str] = &[
    "Pak, mobil udah beres dan lulus QC, bisa dijemput hari ini sampai jam 17.00, totalnya Rp {cost}",
    "Kak {plate} udah kelar ya, silakan diambil kapan aja, tagihan Rp {cost}",
    "Bu, kendaraan sudah jadi, bisa diambil {pickup}, total {cost_short}",
];

pub const PHOTO_CAPTION: &[&str] = &["ini kondisi mobilnya kak", "foto unit ya pak"];

pub const FOLLOWUP: &[&str] = &[
    "Pak, gimana mobilnya sekarang abis servis? enakan?",
    "Kak, mau nanya kabar mobilnya pasca servis, ada yang kurang?",
    "Bu, setelah dari bengkel kemarin mobilnya nyaman dipakai?",
];

pub const POSITIVE: &[&str] = &[
    "enakan pak, joss",
    "udah halus kak",
    "mantul, ga bunyi lagi",
    "oke banget",
];

pub const COMPLAINT: &[&str] = &[
    "kok remnya masih ngik2 ya",
    "ac nya belum dingin bener",
    "ada netes oli di garasi",
];

pub const COMPLAINT_ANSWER: &[&str] = &[
    "Waduh maaf pak, sudah saya laporkan ke kepala bengkel, silakan mampir untuk dicek gratis",
    "Maaf kak, keluhan kami teruskan ke supervisor, nanti kami atur cek ulang",
];

pub const TESTIMONIAL_REQUEST: &[&str] = &[
    "Syukurlah pak! Kalau sempat, tulis pengalamannya di sini ya {link} 🙏",
    "Ikut senang kak 😊 boleh bantu kasih nilai di {link}",
];

pub const TESTIMONIAL_REQUEST_NO_LINK: &[&str] = &[
    "Kalau sempat tulis pengalamannya di Google ya pak 🙏",
    "Kak boleh bantu kasih nilai buat bengkel kami?",
];

pub const REWARD_OFFER: &[&str] = &[
    " Yang kasih nilai 5 dapat voucher cuci gratis!",
    " Nanti ada diskon 10% buat yang nulis ulasan!",
];

pub const TESTIMONIAL_SENT: &[&str] = &[
    "udah saya isi kak",
    "sudah ya, bintang 5",
    "beres pak ulasannya",
];

pub const TESTIMONIAL_THANKS: &[&str] = &[
    "Wah makasih banyak ulasannya pak 🙏",
    "Terima kasih kak, berarti banget buat tim kami",
];

pub const SECOND_FOLLOWUP: &[&str] = &[
    "Pak, kami sapa lagi ya, mobilnya aman-aman saja?",
    "Kak, mau pastiin lagi mobilnya oke?",
];

pub const INQUIRY_QUESTION: &[&str] = &[
    "bengkel buka tanggal merah gak?",
    "ganti kampas rem xenia kena berapa?",
    "bisa dipanggil ke rumah gak mekaniknya?",
    "garansi servis sampai kapan ya?",
    "saya kesal, kemarin antri lama banget",
];

pub const INQUIRY_GREET: &[&str] = &[
    "{Waktu}, {advisor} dari GSI Pekanbaru di sini, mau dibantu apa?",
    "Hai kak, dengan {advisor} customer care GSI 😊",
];

pub const INQUIRY_NO_GREET: &[&str] = &["Ya?", "Silakan."];

pub const INQUIRY_ETA: &[&str] = &[
    "Sebentar ya, kami tanyakan dulu, paling telat besok siang kami jawab.",
    "Kami cek ke mekanik dulu, jawabannya sore ini jam 4.",
];

pub const INQUIRY_ANSWER: &[&str] = &[
    "Begini kak: {answer}. Sudah cukup jelas?",
    "Dari tim kami: {answer}. Semoga terbantu.",
];

pub const INQUIRY_CLOSE: &[&str] = &[
    "Makasih sudah chat GSI Pekanbaru ya 🙏",
    "Terima kasih kak, sehat selalu!",
];

pub const UPDATE_ESCALATED: &[&str] = &[
    "Info pak: pertanyaannya masih di meja supervisor, besok kami kabari.",
    "Kak, tim teknis belum selesai cek ya, ditunggu sebentar.",
];

pub const AFTERSALES_COMPLAINT: &[&str] = &[
    "aki baru kok udah tekor ya",
    "ban yg kemarin dibeli ada benjolan",
    "kampas baru udah bunyi lagi",
];

pub const TICKET_NUMBER: &[&str] = &[
    "Laporan kakak tercatat, kodenya {ticket} ya, disimpan.",
    "Pak, ini kode laporannya: {ticket}.",
];

pub const WARRANTY_INFO: &[&str] = &[
    "Garansinya {status} pak, prosesnya 3-5 hari kerja.",
    "Produknya {status}, penggantian sekitar seminggu.",
];

pub const SHIPPING: &[&str] = &[
    "Barang gantinya sudah jalan pak, resi {resi}, sampai 2 hari lagi.",
    "Part sudah dipaketkan lewat JNE resi {resi}, lusa sampai.",
];

pub const AFTERSALES_FOLLOWUP: &[&str] = &[
    "Pak, masalah akinya sudah beres?",
    "Kak, habis diganti sudah normal lagi?",
];
