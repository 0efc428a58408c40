-- Where a finding measures time against a limit in the same unit, pass and fail follow the
-- numbers: a time limit (business minutes, operating or calendar days, days without an update)
-- passes exactly when the measured value is within it.
select case_kind, case_key, rule_id, status, measured, "limit", unit
from finding
where unit in ('business_minutes', 'operating_days', 'calendar_days', 'days without update')
  and measured is not null and "limit" is not null
  and status in ('pass', 'fail')
  and (status = 'pass') <> (measured <= "limit");
