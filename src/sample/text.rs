//! Words of the sample: Indonesian names, vehicles, services, and the many ways customers and
//! advisors write each kind of WhatsApp message (greetings, abbreviations, typos, emoji).

pub const FIRST_NAMES: &[&str] = &[
    "Budi",
    "Siti",
    "Andi",
    "Maria",
    "Rahmat",
    "Lestari",
    "Yohanes",
    "Dewi",
    "Agus",
    "Rina",
    "Hendra",
    "Fitri",
    "Joko",
    "Sri",
    "Bambang",
    "Nurul",
    "Rudi",
    "Intan",
    "Fajar",
    "Putri",
    "Anton",
    "Melati",
    "Hasan",
    "Wulan",
    "Darius",
    "Ayu",
    "Eko",
    "Novi",
    "Samuel",
    "Citra",
    "Irfan",
    "Yanti",
    "Tigor",
    "Ruth",
    "Ucok",
    "Butet",
    "Halomoan",
    "Riama",
    "Sahat",
    "Lisbet",
    "Kevin",
    "Jessica",
    "Ahmad",
    "Zulfikar",
    "Teguh",
    "Rosmawati",
    "Indra",
    "Desi",
    "Franky",
    "Megawati",
    "Roni",
    "Kartika",
    "Edi",
    "Sinta",
    "Aldo",
    "Nadya",
    "Wahyu",
    "Ika",
];

pub const LAST_NAMES: &[&str] = &[
    "Siregar",
    "Nasution",
    "Harahap",
    "Lubis",
    "Simanjuntak",
    "Sitorus",
    "Hutapea",
    "Manurung",
    "Sinaga",
    "Tambunan",
    "Pardede",
    "Ginting",
    "Tarigan",
    "Sembiring",
    "Purba",
    "Saragih",
    "Damanik",
    "Situmorang",
    "Pohan",
    "Rangkuti",
    "Santoso",
    "Wijaya",
    "Tanjung",
    "Hasibuan",
    "Batubara",
    "Panjaitan",
    "Silalahi",
    "Gultom",
    "Marpaung",
    "Napitupulu",
    "Halim",
    "Gunawan",
    "Setiawan",
    "Pratama",
    "Hidayat",
    "Kurniawan",
];

pub const VEHICLES: &[&str] = &[
    "Toyota Avanza",
    "Toyota Innova",
    "Daihatsu Xenia",
    "Honda Brio",
    "Honda Jazz",
    "Mitsubishi Xpander",
    "Suzuki Ertiga",
    "Toyota Rush",
    "Daihatsu Terios",
    "Honda HR-V",
    "Toyota Fortuner",
    "Mitsubishi Pajero Sport",
    "Suzuki Carry",
    "Toyota Calya",
    "Daihatsu Sigra",
    "Honda CR-V",
    "Nissan Livina",
    "Wuling Confero",
];

pub const SERVICES: &[&str] = &[
    "Servis berkala 10.000 km",
    "Servis berkala 40.000 km",
    "Ganti oli mesin",
    "Tune up",
    "Cek rem bunyi",
    "AC kurang dingin",
    "Spooring balancing",
    "Ganti aki",
    "Mesin brebet",
    "Ganti kampas rem",
    "Kaki-kaki bunyi",
    "Overhaul rem",
    "Cek kelistrikan",
    "Ganti timing belt",
    "Flushing radiator",
];

pub const CUSTOMER_GREETING: &[&str] = &[
    "Selamat {waktu}, sy mau booking servis",
    "{Waktu} min, bisa booking servis utk {day}?",
    "Halo kak, mau booking ya",
    "Assalamualaikum, mau tanya jadwal servis {day} ada yg kosong?",
    "{Waktu} bu, bs booking ganti oli?",
    "min mau servis mobil {day} bisa gk",
    "Permisi, sy mau daftar servis berkala",
    "Halo GSI, booking dong 🙏",
    "{Waktu} pak, mau booking utk {day} jm {hour}",
    "Mau servis nih, {day} ada slot?",
];

pub const ADVISOR_FIRST_REPLY: &[&str] = &[
    "Selamat {waktu} Bapak/Ibu, dengan {advisor} dari Gema Sehat Medan. Bisa, mohon kirim data berikut ya: nama, plat, jenis kendaraan, keluhan, tgl & jam kedatangan 🙏",
    "Halo Kak, saya {advisor} dari GSI Medan 😊 Boleh dikirim nama, nopol, tipe mobil, keluhan dan jadwal yg diinginkan?",
    "Baik Pak/Bu, dengan senang hati. Mohon isi format: Nama / Plat / Kendaraan / Keluhan / Tanggal & Jam",
    "{Waktu} Kak, {advisor} di sini. Untuk booking mohon infokan nama, plat nomor, jenis mobil, keluhan & jam kedatangan ya",
];

pub const CUSTOMER_DATA: &[&str] = &[
    "{name}, {plate}, {vehicle}, {service}, {slot}",
    "Nama: {name}\nPlat: {plate}\nMobil: {vehicle}\nKeluhan: {service}\nJadwal: {slot}",
    "{name} / {plate} / {vehicle} / {service} / {slot}",
    "sy {name}, mobil {vehicle} {plate}, mau {service}, {slot} ya",
];

pub const CONFIRMATION: &[&str] = &[
    "Booking terkonfirmasi ✅\nNama: {name}\nPlat: {plate}\nKendaraan: {vehicle}\nLayanan: {service}\nJadwal: {slot}\nTerima kasih 🙏",
    "Baik Pak/Bu, booking sudah kami catat untuk {slot}, {vehicle} {plate} ({service}). Sampai jumpa!",
    "Siap Kak, jadwal servis {plate} sudah terkonfirmasi {slot}. Mohon datang 10 menit sebelumnya ya",
];

pub const SLOT_FULL_WITH_ALTERNATIVE: &[&str] = &[
    "Mohon maaf Kak, jadwal {asked} sudah penuh. Alternatif terdekat {slot}, apakah bisa?",
    "Maaf Pak, slot {asked} full. Bagaimana kalau {slot}?",
];

pub const SLOT_FULL_NO_ALTERNATIVE: &[&str] = &[
    "Mohon maaf, jadwal {asked} sudah penuh ya Kak.",
    "Maaf Pak slot {asked} sdh penuh.",
];

pub const CUSTOMER_ACCEPT: &[&str] = &[
    "ok bisa",
    "Boleh, itu aja",
    "sip, jadi ya",
    "oke kak 👍",
    "Bisa bu",
];

pub const REMINDER: &[&str] = &[
    "Selamat {waktu} Pak/Bu, mengingatkan jadwal servis {plate} besok {slot}. Terima kasih 🙏",
    "Halo Kak, reminder ya: besok {slot} servis {vehicle} di Gema Sehat Medan 😊",
    "Pengingat booking: {slot} untuk {plate}. Sampai jumpa besok!",
];

pub const PERSONAL_DATA_REQUEST: &[&str] = &[
    "Mohon kirim juga foto KTP dan nomor NIK Bapak ya untuk data kami",
    "Sekalian alamat rumah lengkap dan tanggal lahir Kak",
];

pub const CUSTOMER_QUESTION: &[&str] = &[
    "Kira2 berapa lama ya pengerjaannya?",
    "Bisa bayar pakai QRIS kan?",
    "Ada ruang tunggu ber AC gk?",
    "oli nya pakai yg apa ya?",
    "estimasi biaya brp kak?",
    "boleh ditinggal aja mobilnya?",
];

pub const ADVISOR_ANSWER: &[&str] = &[
    "Kurang lebih 2-3 jam Pak.",
    "Bisa Kak, QRIS dan debit tersedia.",
    "Ada Pak, ruang tunggu ber-AC dan wifi.",
    "Pakai oli sesuai rekomendasi pabrikan Kak.",
    "Estimasi sekitar Rp 850.000 Pak, nanti kami infokan detailnya.",
    "Boleh Pak, nanti kami kabari kalau sudah selesai.",
];

pub const ACK: &[&str] = &[
    "ok",
    "Terima kasih",
    "makasih bu",
    "👍",
    "siap",
    "oke pak",
    "mksh",
];

pub const NOSHOW_CONTACT: &[&str] = &[
    "Selamat {waktu} Pak, kami lihat Bapak belum hadir untuk jadwal servis hari ini. Apakah ingin dijadwalkan ulang?",
    "Halo Kak, jadwal servis tadi terlewat ya? Mau reschedule ke hari lain?",
];

pub const DIAGNOSIS: &[&str] = &[
    "Pak, hasil pemeriksaan awal: {finding}. Estimasi selesai {eta}, estimasi biaya Rp {cost}.",
    "Update dari bengkel Kak: {finding}. Perkiraan selesai {eta}, biaya sekitar {cost_short}.",
    "Hasil cek: {finding}. Estimasi pengerjaan sampai {eta}, biaya kurang lebih Rp {cost}.",
];

pub const FINDINGS: &[&str] = &[
    "kampas rem depan tipis",
    "oli sudah hitam dan filter oli perlu ganti",
    "aki lemah (11,8V)",
    "freon AC kurang",
    "bushing arm bawah aus",
    "busi kotor",
    "ban depan perlu spooring",
];

pub const APPROVAL_REQUEST: &[&str] = &[
    "Ada tambahan ganti {part} Rp {cost}, apakah disetujui?",
    "Perlu ganti {part} juga Pak, biaya Rp {cost}. Lanjut?",
];

pub const APPROVAL: &[&str] = &[
    "ok lanjut",
    "Setuju, kerjakan aja",
    "boleh pak",
    "iya ganti aja",
];

pub const PROGRESS: &[&str] = &[
    "Update Pak: mobil sedang dikerjakan, progres sekitar 50%.",
    "Kak, pengerjaan masih berjalan ya, sesuai estimasi.",
    "Info progres: part sudah dipasang, tinggal pengecekan.",
    "Mobil Bapak masih dalam pengerjaan, besok kami update lagi.",
];

pub const DELAY_GOOD: &[&str] = &[
    "Mohon maaf Pak, ada keterlambatan karena {reason}. Estimasi baru {eta}. Sebagai gantinya kami tawarkan antar mobil ke rumah gratis.",
    "Maaf Kak, pengerjaan terlambat krn {reason}. Perkiraan selesai {eta}, kami beri diskon 10% untuk jasa ya 🙏",
];

pub const DELAY_BARE: &[&str] = &[
    "Pak, mobil belum selesai krn {reason}, estimasi {eta}.",
    "Kak, ada kendala {reason}, selesai {eta} ya.",
];

pub const DELAY_REASONS: &[&str] = &[
    "menunggu part dari Jakarta",
    "ada kerusakan tambahan di kaki-kaki",
    "antrian QC penuh",
];

pub const COMPLETION: &[&str] = &[
    "Mobil Bapak sudah selesai dan lolos QC ✅ Bisa diambil hari ini s/d jam 17.00. Total biaya Rp {cost}.",
    "Kak, servis {plate} sudah selesai ya. Silakan diambil mulai sekarang, total Rp {cost}. Terima kasih 🙏",
    "Pengerjaan selesai Pak, kendaraan siap diambil {pickup}. Total {cost_short}.",
];

pub const PHOTO_CAPTION: &[&str] = &["Foto kendaraan setelah servis", "Ini fotonya ya Kak"];

pub const FOLLOWUP: &[&str] = &[
    "Selamat {waktu} Pak, bagaimana kondisi mobilnya setelah servis kemarin? Ada keluhan?",
    "Halo Kak, mau tanya gimana mobilnya sesudah servis? Aman?",
    "Pak, kami follow up ya, apakah kendaraan sudah nyaman setelah servis?",
];

pub const POSITIVE: &[&str] = &[
    "Aman bu, mantap 👍",
    "Sudah enak pak, makasih",
    "mantap kak, rem udh gk bunyi",
    "Bagus, puas saya",
];

pub const COMPLAINT: &[&str] = &[
    "Masih bunyi pak rem nya",
    "AC nya kok masih kurang dingin ya",
    "Ada rembes oli di bawah",
];

pub const COMPLAINT_ANSWER: &[&str] = &[
    "Mohon maaf Pak, keluhan kami catat dan sudah kami eskalasi ke kepala bengkel. Silakan datang, pengecekan gratis.",
    "Maaf atas ketidaknyamanannya Kak, sudah kami teruskan ke supervisor, kami jadwalkan pengecekan ulang ya.",
];

pub const TESTIMONIAL_REQUEST: &[&str] = &[
    "Terima kasih Pak! Boleh minta ulasannya di Google ya: {link} 🙏",
    "Senang mendengarnya Kak 😊 Kalau berkenan, bantu kami dengan review di {link}",
];

pub const TESTIMONIAL_REQUEST_NO_LINK: &[&str] = &[
    "Boleh minta review nya di Google ya Pak 🙏",
    "Kak bantu kasih bintang 5 ya di Google",
];

pub const REWARD_OFFER: &[&str] = &[
    " Ada voucher diskon 10% untuk yang kasih bintang 5!",
    " Kasih review dapat cashback Rp 50rb ya!",
];

pub const TESTIMONIAL_SENT: &[&str] = &[
    "Sudah saya kasih bintang 5 ya",
    "udh review kak",
    "Done review 👍",
];

pub const TESTIMONIAL_THANKS: &[&str] = &[
    "Terima kasih banyak atas ulasannya Pak 🙏",
    "Makasih Kak, sangat berarti buat kami 😊",
];

pub const SECOND_FOLLOWUP: &[&str] = &[
    "Pak, kami follow up lagi ya, semoga mobilnya aman 🙏",
    "Halo Kak, sekadar memastikan kendaraan baik-baik saja?",
];

pub const INQUIRY_QUESTION: &[&str] = &[
    "Halo, bengkel buka hari minggu gk?",
    "Mau tanya harga ganti kampas rem avanza brp?",
    "Apakah bisa servis panggilan ke rumah?",
    "Garansi servis berapa lama ya?",
    "Mobil saya getar di kecepatan 80, kira2 kenapa ya?",
    "Saya kecewa, antrian lama sekali kemarin",
];

pub const INQUIRY_GREET: &[&str] = &[
    "Selamat {waktu}, dengan {advisor} dari Gema Sehat Medan, ada yang bisa dibantu?",
    "Halo Kak, saya {advisor} dari customer care GSI 😊",
];

pub const INQUIRY_NO_GREET: &[&str] = &["Iya?", "Bisa, silakan."];

pub const INQUIRY_ETA: &[&str] = &[
    "Baik, kami cek dulu ya, kami kabari paling lambat besok siang.",
    "Kami konsultasikan ke teknisi, estimasi jawaban hari ini jam 4 sore.",
];

pub const INQUIRY_ANSWER: &[&str] = &[
    "Jawabannya: {answer}. Apakah sudah jelas Kak?",
    "Info dari tim: {answer}. Semoga membantu ya.",
];

pub const INQUIRY_ANSWERS: &[&str] = &[
    "hari Minggu kami tutup",
    "sekitar Rp 450.000 termasuk jasa",
    "bisa untuk area Medan kota",
    "garansi servis 1 bulan atau 1.000 km",
];

pub const INQUIRY_CLOSE: &[&str] = &[
    "Terima kasih sudah menghubungi Gema Sehat Medan 🙏",
    "Terima kasih Kak, semoga harinya menyenangkan!",
];

pub const UPDATE_ESCALATED: &[&str] = &[
    "Update: pertanyaan Bapak masih ditangani supervisor, besok kami kabari.",
    "Kak, tim teknis masih mengecek ya, mohon ditunggu.",
];

pub const AFTERSALES_COMPLAINT: &[&str] = &[
    "Aki yang baru diganti kok sudah soak ya",
    "Ban yang dibeli kemarin benjol",
    "Kampas rem baru sudah bunyi lagi",
];

pub const TICKET_NUMBER: &[&str] = &[
    "Keluhan sudah kami catat dengan nomor tiket {ticket}. Mohon disimpan ya.",
    "Nomor tiket Bapak: {ticket}.",
];

pub const WARRANTY_INFO: &[&str] = &[
    "Status garansi: {status}. Estimasi proses 3-5 hari kerja.",
    "Produk masih {status}, proses penggantian kira2 1 minggu.",
];

pub const SHIPPING: &[&str] = &[
    "Barang pengganti sudah dikirim, no resi {resi}, estimasi tiba 2 hari.",
    "Part sudah dikirim via JNE resi {resi}, ETA lusa.",
];

pub const AFTERSALES_FOLLOWUP: &[&str] = &[
    "Pak, apakah masalahnya sudah teratasi?",
    "Kak, bagaimana setelah penggantian? Sudah normal?",
];

pub const STICKERS: &[&str] = &["<Media tidak disertakan>", "🙏", "😊", "👍👍"];

/// The wording of one branch's advisors and customers (`patuh sample --style`): every sentence
/// set the simulation draws from, and the names its chats show.
pub struct Texts {
    pub customer_greeting: &'static [&'static str],
    pub advisor_first_reply: &'static [&'static str],
    pub customer_data: &'static [&'static str],
    pub confirmation: &'static [&'static str],
    pub slot_full_with_alternative: &'static [&'static str],
    pub slot_full_no_alternative: &'static [&'static str],
    pub customer_accept: &'static [&'static str],
    pub reminder: &'static [&'static str],
    pub personal_data_request: &'static [&'static str],
    pub customer_question: &'static [&'static str],
    pub advisor_answer: &'static [&'static str],
    pub ack: &'static [&'static str],
    pub noshow_contact: &'static [&'static str],
    pub diagnosis: &'static [&'static str],
    pub approval_request: &'static [&'static str],
    pub approval: &'static [&'static str],
    pub progress: &'static [&'static str],
    pub delay_good: &'static [&'static str],
    pub delay_bare: &'static [&'static str],
    pub completion: &'static [&'static str],
    pub photo_caption: &'static [&'static str],
    pub followup: &'static [&'static str],
    pub positive: &'static [&'static str],
    pub complaint: &'static [&'static str],
    pub complaint_answer: &'static [&'static str],
    pub testimonial_request: &'static [&'static str],
    pub testimonial_request_no_link: &'static [&'static str],
    pub reward_offer: &'static [&'static str],
    pub testimonial_sent: &'static [&'static str],
    pub testimonial_thanks: &'static [&'static str],
    pub second_followup: &'static [&'static str],
    pub inquiry_question: &'static [&'static str],
    pub inquiry_greet: &'static [&'static str],
    pub inquiry_no_greet: &'static [&'static str],
    pub inquiry_eta: &'static [&'static str],
    pub inquiry_answer: &'static [&'static str],
    pub inquiry_close: &'static [&'static str],
    pub update_escalated: &'static [&'static str],
    pub aftersales_complaint: &'static [&'static str],
    pub ticket_number: &'static [&'static str],
    pub warranty_info: &'static [&'static str],
    pub shipping: &'static [&'static str],
    pub aftersales_followup: &'static [&'static str],
    /// The WhatsApp Business account name the branch writes under.
    pub business_name: &'static str,
    /// The review link sent with testimonial requests.
    pub review_link: &'static str,
    /// The branch's name.
    pub branch: &'static str,
}

/// Style a: the Medan branch the lexicon was written for.
pub static STYLE_A: Texts = Texts {
    customer_greeting: CUSTOMER_GREETING,
    advisor_first_reply: ADVISOR_FIRST_REPLY,
    customer_data: CUSTOMER_DATA,
    confirmation: CONFIRMATION,
    slot_full_with_alternative: SLOT_FULL_WITH_ALTERNATIVE,
    slot_full_no_alternative: SLOT_FULL_NO_ALTERNATIVE,
    customer_accept: CUSTOMER_ACCEPT,
    reminder: REMINDER,
    personal_data_request: PERSONAL_DATA_REQUEST,
    customer_question: CUSTOMER_QUESTION,
    advisor_answer: ADVISOR_ANSWER,
    ack: ACK,
    noshow_contact: NOSHOW_CONTACT,
    diagnosis: DIAGNOSIS,
    approval_request: APPROVAL_REQUEST,
    approval: APPROVAL,
    progress: PROGRESS,
    delay_good: DELAY_GOOD,
    delay_bare: DELAY_BARE,
    completion: COMPLETION,
    photo_caption: PHOTO_CAPTION,
    followup: FOLLOWUP,
    positive: POSITIVE,
    complaint: COMPLAINT,
    complaint_answer: COMPLAINT_ANSWER,
    testimonial_request: TESTIMONIAL_REQUEST,
    testimonial_request_no_link: TESTIMONIAL_REQUEST_NO_LINK,
    reward_offer: REWARD_OFFER,
    testimonial_sent: TESTIMONIAL_SENT,
    testimonial_thanks: TESTIMONIAL_THANKS,
    second_followup: SECOND_FOLLOWUP,
    inquiry_question: INQUIRY_QUESTION,
    inquiry_greet: INQUIRY_GREET,
    inquiry_no_greet: INQUIRY_NO_GREET,
    inquiry_eta: INQUIRY_ETA,
    inquiry_answer: INQUIRY_ANSWER,
    inquiry_close: INQUIRY_CLOSE,
    update_escalated: UPDATE_ESCALATED,
    aftersales_complaint: AFTERSALES_COMPLAINT,
    ticket_number: TICKET_NUMBER,
    warranty_info: WARRANTY_INFO,
    shipping: SHIPPING,
    aftersales_followup: AFTERSALES_FOLLOWUP,
    business_name: "GSI Medan",
    review_link: "https://g.page/r/gema-sehat-medan/review",
    branch: "Medan",
};

/// Style b: a second branch in wording the lexicon and the model never saw (`text_b`), with a
/// review link written without a scheme.
pub static STYLE_B: Texts = Texts {
    customer_greeting: super::text_b::CUSTOMER_GREETING,
    advisor_first_reply: super::text_b::ADVISOR_FIRST_REPLY,
    customer_data: super::text_b::CUSTOMER_DATA,
    confirmation: super::text_b::CONFIRMATION,
    slot_full_with_alternative: super::text_b::SLOT_FULL_WITH_ALTERNATIVE,
    slot_full_no_alternative: super::text_b::SLOT_FULL_NO_ALTERNATIVE,
    customer_accept: super::text_b::CUSTOMER_ACCEPT,
    reminder: super::text_b::REMINDER,
    personal_data_request: super::text_b::PERSONAL_DATA_REQUEST,
    customer_question: super::text_b::CUSTOMER_QUESTION,
    advisor_answer: super::text_b::ADVISOR_ANSWER,
    ack: super::text_b::ACK,
    noshow_contact: super::text_b::NOSHOW_CONTACT,
    diagnosis: super::text_b::DIAGNOSIS,
    approval_request: super::text_b::APPROVAL_REQUEST,
    approval: super::text_b::APPROVAL,
    progress: super::text_b::PROGRESS,
    delay_good: super::text_b::DELAY_GOOD,
    delay_bare: super::text_b::DELAY_BARE,
    completion: super::text_b::COMPLETION,
    photo_caption: super::text_b::PHOTO_CAPTION,
    followup: super::text_b::FOLLOWUP,
    positive: super::text_b::POSITIVE,
    complaint: super::text_b::COMPLAINT,
    complaint_answer: super::text_b::COMPLAINT_ANSWER,
    testimonial_request: super::text_b::TESTIMONIAL_REQUEST,
    testimonial_request_no_link: super::text_b::TESTIMONIAL_REQUEST_NO_LINK,
    reward_offer: super::text_b::REWARD_OFFER,
    testimonial_sent: super::text_b::TESTIMONIAL_SENT,
    testimonial_thanks: super::text_b::TESTIMONIAL_THANKS,
    second_followup: super::text_b::SECOND_FOLLOWUP,
    inquiry_question: super::text_b::INQUIRY_QUESTION,
    inquiry_greet: super::text_b::INQUIRY_GREET,
    inquiry_no_greet: super::text_b::INQUIRY_NO_GREET,
    inquiry_eta: super::text_b::INQUIRY_ETA,
    inquiry_answer: super::text_b::INQUIRY_ANSWER,
    inquiry_close: super::text_b::INQUIRY_CLOSE,
    update_escalated: super::text_b::UPDATE_ESCALATED,
    aftersales_complaint: super::text_b::AFTERSALES_COMPLAINT,
    ticket_number: super::text_b::TICKET_NUMBER,
    warranty_info: super::text_b::WARRANTY_INFO,
    shipping: super::text_b::SHIPPING,
    aftersales_followup: super::text_b::AFTERSALES_FOLLOWUP,
    business_name: "GSI Pekanbaru",
    review_link: "g.page/r/gsi-pekanbaru/review",
    branch: "Pekanbaru",
};
