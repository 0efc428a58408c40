//! The kinds of input file patuh reads (`--kind`, the store's `import_file.kind`).

#[derive(
    Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum SourceKind {
    Booking,
    WorkOrder,
    Ticket,
    Checklist,
    Whatsapp,
    Roster,
    /// A filled-in review workbook: supervisors' decisions on findings.
    Review,
}

impl SourceKind {
    /// The kind's name as stored, printed and matched with `rules/headers.toml` sections.
    pub fn name(self) -> &'static str {
        match self {
            SourceKind::Booking => "booking",
            SourceKind::WorkOrder => "work_order",
            SourceKind::Ticket => "ticket",
            SourceKind::Checklist => "checklist",
            SourceKind::Roster => "roster",
            SourceKind::Whatsapp => "whatsapp",
            SourceKind::Review => "review",
        }
    }

    pub fn from_name(name: &str) -> Option<Self> {
        <Self as clap::ValueEnum>::value_variants()
            .iter()
            .copied()
            .find(|k| k.name() == name)
    }
}
