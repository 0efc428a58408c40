-- The fingerprint of the evidence a finding rests on: its case kind, the verdict patuh reached,
-- the measured value and limit, the clock's start, deadline and stop, and the evidence
-- locations by file name (folders dropped, so running from another folder changes nothing).
-- A review decision names the fingerprint it was made on; when the evidence changes (a file
-- re-exported, a rule's limit changed, a message reclassified) the fingerprint changes and the
-- decision is stale. Defined once, on every connection (Store::open).
create or replace temp macro finding_fingerprint(kind, verdict, measured, lim, started, due, done, evidence) as
    left(md5(concat_ws('|',
        kind, verdict,
        coalesce(cast(round(measured, 3) as varchar), ''),
        coalesce(cast(round(lim, 3) as varchar), ''),
        coalesce(strftime(started, '%Y-%m-%d %H:%M'), ''),
        coalesce(strftime(due, '%Y-%m-%d %H:%M'), ''),
        coalesce(strftime(done, '%Y-%m-%d %H:%M'), ''),
        regexp_replace(coalesce(evidence, ''), '[^;]*[/\\]', '', 'g'))), 16);
