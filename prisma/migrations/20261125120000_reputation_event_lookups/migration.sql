-- CreateIndex
CREATE INDEX "reputation_event_voteId_idx" ON "reputation_event"("voteId");

-- CreateIndex
CREATE INDEX "reputation_event_answerId_idx" ON "reputation_event"("answerId");
