-- A text cell as CSV carries it safely into a spreadsheet: text that a spreadsheet would take
-- as a formula or a number (starting with = + - @, a tab or a carriage return; E.164 phones
-- start with +) gets a leading apostrophe, as OWASP's CSV-injection advice and spreadsheet
-- tools expect. Parquet keeps the values as they are.
create or replace temp macro csv_cell(x) as
    case when regexp_matches(x, '^[=+\-@\t\r]') then '''' || x else x end;
