-- A post whose task was closed before it went out (done, or closed because its account churned) is not sent:
-- it is WITHDRAWN, with why, rather than telling a channel about work nobody is to do any more.
ALTER TABLE slack_post DROP CONSTRAINT slack_post_status_check;
ALTER TABLE slack_post ADD CONSTRAINT slack_post_status_check CHECK (status IN ('PENDING', 'SENT', 'FAILED', 'WITHDRAWN'));
