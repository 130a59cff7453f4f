-- Score lines keep the coordinator's appeal decision in the one vocabulary of decisions
-- (kernel.Decisions): an appeal is a request, approved or refused. Earlier versions stored
-- 'accepted' and 'rejected'; after this no reader knows those words.
update cd_score_line set appeal_decision = 'approve' where appeal_decision = 'accepted';
update cd_score_line set appeal_decision = 'refuse' where appeal_decision = 'rejected';
