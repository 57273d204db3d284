-- DropIndex
DROP INDEX "task_flowId_status_responsibleId_idx";

-- CreateIndex
CREATE INDEX "task_flowId_status_responsibleId_deletedAt_idx" ON "task"("flowId", "status", "responsibleId", "deletedAt");
