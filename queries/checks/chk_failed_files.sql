-- Files that could not be imported (their latest attempt), with the reason, in path order.
select display_path as path, reason, strftime(failed_at, '%Y-%m-%d %H:%M') as failed_at
from import_failure
order by display_path
