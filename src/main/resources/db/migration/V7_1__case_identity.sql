-- Delegates find their case by the process instance, never by a variable a user could submit: one case per
-- instance, looked up on every step.
create unique index pass_application_process_instance_idx on pass_application (process_instance_id);
