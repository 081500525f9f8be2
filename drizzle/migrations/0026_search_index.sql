-- Placeholder: the triggers that keep search_index in step with the records come here. 
SELECT 1;
