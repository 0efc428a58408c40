//! The sample's WhatsApp exports: Android `.txt` and iOS "export with media" `.zip`.

use super::*;

/// `+62 812-3456-7890`, as WhatsApp shows an unsaved number.
fn shown_number(e164: &str) -> String {
    let d = &e164[3..];
    format!("+62 {}-{}-{}", &d[..3], &d[3..7], &d[7..])
}

pub(super) fn chats(files: &mut Files, w: &World, business_name: &str) -> Result<usize> {
    let mut n = 0;
    for (i, msgs) in w.chats.iter().enumerate() {
        if msgs.is_empty() {
            continue;
        }
        n += 1;
        let c = &w.customers[i];
        let mut contact = if c.saved {
            c.name.clone()
        } else {
            shown_number(&c.phone_e164)
        };
        if c.saved && i % 3 == 0 {
            contact = format!("{} {}", c.name, c.plate);
        }
        let ios = i % 10 == 3 || i % 10 == 7;
        let mut text = String::new();
        let first = msgs[0].at;
        // The encryption notice opens an export only when the phone still holds the chat's start.
        let notice = i % 10 == 0 || i % 10 == 3;
        if !notice {
        } else if ios {
            let _ = write!(
                text,
                "[{}] {contact}: \u{200e}Pesan dan panggilan terenkripsi secara end-to-end. Tidak seorang pun di luar chat ini, termasuk WhatsApp, yang dapat membaca atau mendengarkannya.\r\n",
                first.format("%d/%m/%y %H.%M.%S")
            );
        } else {
            let _ = writeln!(
                text,
                "{} - Pesan dan panggilan terenkripsi secara end-to-end. Tidak seorang pun di luar chat ini, termasuk WhatsApp, yang dapat membaca atau mendengarkannya.",
                first.format("%d/%m/%y %H.%M")
            );
        }
        for m in msgs {
            let who = if m.from_customer {
                contact.as_str()
            } else {
                business_name
            };
            if ios {
                let body = m.text.replace('\n', "\r\n").replace(
                    "<Media tidak disertakan>",
                    "\u{200e}gambar tidak disertakan",
                );
                let _ = write!(
                    text,
                    "[{}] {who}: {body}\r\n",
                    m.at.format("%d/%m/%y %H.%M.%S")
                );
            } else {
                let _ = writeln!(
                    text,
                    "{} - {who}: {}",
                    m.at.format("%d/%m/%y %H.%M"),
                    m.text
                );
            }
        }
        let mut safe = contact.replace(['/', '\\', ':'], "-");
        // Two customers saved under the same name: the phone keeps two files, as WhatsApp does.
        let mut k = 2;
        while files.contains_key(&format!("whatsapp/android/Chat WhatsApp dengan {safe}.txt"))
            || files.contains_key(&format!("whatsapp/ios/WhatsApp Chat - {safe}.zip"))
        {
            safe = format!("{} ({k})", contact.replace(['/', '\\', ':'], "-"));
            k += 1;
        }
        if ios {
            let mut buf = std::io::Cursor::new(Vec::new());
            {
                let mut z = zip::ZipWriter::new(&mut buf);
                let opts = zip::write::SimpleFileOptions::default()
                    .compression_method(zip::CompressionMethod::Deflated)
                    .last_modified_time(zip::DateTime::default());
                z.start_file("_chat.txt", opts)
                    .map_err(|e| Error::Other(format!("writing a sample zip: {e}")))?;
                z.write_all(text.as_bytes())
                    .map_err(|e| Error::Other(format!("writing a sample zip: {e}")))?;
                z.finish()
                    .map_err(|e| Error::Other(format!("writing a sample zip: {e}")))?;
            }
            files.insert(
                format!("whatsapp/ios/WhatsApp Chat - {safe}.zip"),
                buf.into_inner(),
            );
        } else {
            files.insert(
                format!("whatsapp/android/Chat WhatsApp dengan {safe}.txt"),
                text.into_bytes(),
            );
        }
    }
    Ok(n)
}
