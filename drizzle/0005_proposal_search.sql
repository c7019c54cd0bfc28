-- Full-text index of proposals: rowid = proposals.id; title and body hold the
-- bigram token text made by src/lib/domain/search.ts (indexText).
CREATE VIRTUAL TABLE `proposal_search` USING fts5(title, body, content='', contentless_delete=1, tokenize='unicode61 remove_diacritics 0');
