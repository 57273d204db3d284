-- CreateIndex
CREATE INDEX "task_open_by_flow_idx" ON "task"("flowId", "status", "createdAt", "startedAt", "deadline", "closedAt") WHERE (status IN (1, 2, 3, 4) AND "deletedAt" IS NULL);
