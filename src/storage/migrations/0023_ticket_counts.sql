-- The inbox's view counts (TicketService::Counts) read only this index: status, assignee and the
-- queue (whose team decides an agent's access), so counting never touches the tickets' rows.
CREATE INDEX tickets_counts ON tickets (status, assignee_id, queue_id);
