-- Unique_Item_Requests are derived from the ledger: a user-session (visitor key + document + hour slice) counts
-- while processed_event holds a counted click of it. The ledger already has every click with its visitor key and
-- outcome, so item_session was a second copy written for every counted click; the ledger reads the clicks of the
-- hour slices around new clicks anyway (double-click filter).
drop table item_session;

-- One index for both readers of processed_event besides its primary key: the ledger's probe of the clicks of one
-- visitor on one document (candidate is filtered on the few rows of that visitor), and the analysts' raw events of
-- one document (/api/analyst/events?documentId=, by the (series_id, document_id) prefix). It replaces the
-- partial processed_event_clicks and processed_event_document_time: one index entry an event instead of two.
drop index processed_event_clicks;
drop index processed_event_document_time;
create index processed_event_visits on processed_event (series_id, document_id, visitor_key, occurred_at);
