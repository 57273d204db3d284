-- CreateEnum
CREATE TYPE "DistributionType" AS ENUM ('manually', 'queue', 'himself');

-- CreateEnum
CREATE TYPE "TaskChangeField" AS ENUM ('status', 'deadline', 'responsible');

-- CreateEnum
CREATE TYPE "TaskChangeSource" AS ENUM ('history', 'observed');

-- CreateEnum
CREATE TYPE "SyncKind" AS ENUM ('full', 'incremental', 'reconcile');

-- CreateEnum
CREATE TYPE "SyncState" AS ENUM ('running', 'succeeded', 'failed');

-- AlterTable
ALTER TABLE "portal" ADD COLUMN     "timeZoneOffset" TEXT NOT NULL DEFAULT '+03:00';

-- AlterTable
ALTER TABLE "employee" ADD COLUMN     "departmentIds" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
ADD COLUMN     "photoUrl" TEXT;

-- AlterTable
ALTER TABLE "flow" ADD COLUMN     "activityAt" TIMESTAMPTZ(3),
ADD COLUMN     "creatorId" INTEGER,
ADD COLUMN     "description" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "distributionType" "DistributionType" NOT NULL DEFAULT 'queue',
ADD COLUMN     "groupId" INTEGER,
ADD COLUMN     "matchWorkTime" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "notifyAtHalfTime" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "notifyOnQueueOverflow" INTEGER,
ADD COLUMN     "notifyOnTasksInProgressOverflow" INTEGER,
ADD COLUMN     "notifyWhenEfficiencyDecreases" INTEGER,
ADD COLUMN     "ownerId" INTEGER,
ADD COLUMN     "plannedCompletionTime" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "raw" JSONB NOT NULL DEFAULT '{}',
ADD COLUMN     "responsibleCanChangeDeadline" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "syncedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
ADD COLUMN     "taskControl" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "templateId" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "portal_connection" (
    "portalId" UUID NOT NULL,
    "kind" "PortalKind" NOT NULL,
    "sealedWebhookUrl" TEXT,
    "restEndpoint" TEXT,
    "sealedAccessToken" TEXT,
    "sealedRefreshToken" TEXT,
    "sealedApplicationToken" TEXT,
    "scopes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "connectedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastCheckedAt" TIMESTAMPTZ(3),
    "lastError" TEXT,

    CONSTRAINT "portal_connection_pkey" PRIMARY KEY ("portalId")
);

-- CreateTable
CREATE TABLE "department" (
    "portalId" UUID NOT NULL,
    "bitrixDepartmentId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "parentId" INTEGER,
    "headId" INTEGER,
    "sort" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "department_pkey" PRIMARY KEY ("portalId","bitrixDepartmentId")
);

-- CreateTable
CREATE TABLE "task" (
    "id" BIGSERIAL NOT NULL,
    "portalId" UUID NOT NULL,
    "bitrixTaskId" INTEGER NOT NULL,
    "flowId" UUID,
    "bitrixFlowId" INTEGER,
    "title" TEXT NOT NULL,
    "descriptionLength" INTEGER NOT NULL DEFAULT 0,
    "status" SMALLINT NOT NULL,
    "createdBy" INTEGER NOT NULL,
    "responsibleId" INTEGER NOT NULL,
    "groupId" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "changedAt" TIMESTAMPTZ(3) NOT NULL,
    "statusChangedAt" TIMESTAMPTZ(3),
    "startedAt" TIMESTAMPTZ(3),
    "deadline" TIMESTAMPTZ(3),
    "closedAt" TIMESTAMPTZ(3),
    "taskControl" BOOLEAN NOT NULL DEFAULT false,
    "commentsCount" INTEGER NOT NULL DEFAULT 0,
    "raw" JSONB NOT NULL,
    "deletedAt" TIMESTAMPTZ(3),
    "syncedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "task_change" (
    "id" BIGSERIAL NOT NULL,
    "portalId" UUID NOT NULL,
    "bitrixTaskId" INTEGER NOT NULL,
    "field" "TaskChangeField" NOT NULL,
    "fromValue" TEXT,
    "toValue" TEXT,
    "changedAt" TIMESTAMPTZ(3) NOT NULL,
    "source" "TaskChangeSource" NOT NULL,
    "bitrixHistoryId" INTEGER,

    CONSTRAINT "task_change_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sync_run" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "portalId" UUID NOT NULL,
    "kind" "SyncKind" NOT NULL,
    "state" "SyncState" NOT NULL DEFAULT 'running',
    "phase" TEXT NOT NULL DEFAULT 'starting',
    "done" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER,
    "cursor" JSONB NOT NULL DEFAULT '{}',
    "counts" JSONB NOT NULL DEFAULT '{}',
    "error" TEXT,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "heartbeatAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "sync_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "portal_event" (
    "id" BIGSERIAL NOT NULL,
    "portalId" UUID NOT NULL,
    "event" TEXT NOT NULL,
    "bitrixTaskId" INTEGER NOT NULL,
    "receivedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMPTZ(3),

    CONSTRAINT "portal_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "flow_daily_figure" (
    "flowId" UUID NOT NULL,
    "day" DATE NOT NULL,
    "pending" INTEGER NOT NULL,
    "inProgress" INTEGER NOT NULL,
    "awaitingReview" INTEGER NOT NULL,
    "completed" INTEGER NOT NULL,
    "completedToday" INTEGER NOT NULL,
    "created" INTEGER NOT NULL,
    "overdue" INTEGER NOT NULL,
    "efficiency" INTEGER NOT NULL,
    "leadP50" INTEGER,
    "leadP85" INTEGER,
    "leadP95" INTEGER,
    "assigneeLoad" JSONB NOT NULL DEFAULT '[]',

    CONSTRAINT "flow_daily_figure_pkey" PRIMARY KEY ("flowId","day")
);

-- CreateIndex
CREATE INDEX "task_flowId_createdAt_idx" ON "task"("flowId", "createdAt");

-- CreateIndex
CREATE INDEX "task_flowId_closedAt_idx" ON "task"("flowId", "closedAt");

-- CreateIndex
CREATE INDEX "task_flowId_status_responsibleId_idx" ON "task"("flowId", "status", "responsibleId");

-- CreateIndex
CREATE INDEX "task_portalId_changedAt_idx" ON "task"("portalId", "changedAt");

-- CreateIndex
CREATE UNIQUE INDEX "task_portalId_bitrixTaskId_key" ON "task"("portalId", "bitrixTaskId");

-- CreateIndex
CREATE INDEX "task_change_portalId_bitrixTaskId_changedAt_idx" ON "task_change"("portalId", "bitrixTaskId", "changedAt");

-- CreateIndex
CREATE UNIQUE INDEX "task_change_portalId_bitrixHistoryId_key" ON "task_change"("portalId", "bitrixHistoryId");

-- CreateIndex
CREATE INDEX "sync_run_portalId_state_startedAt_idx" ON "sync_run"("portalId", "state", "startedAt");

-- CreateIndex
CREATE INDEX "portal_event_processedAt_receivedAt_idx" ON "portal_event"("processedAt", "receivedAt");

-- AddForeignKey
ALTER TABLE "portal_connection" ADD CONSTRAINT "portal_connection_portalId_fkey" FOREIGN KEY ("portalId") REFERENCES "portal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "department" ADD CONSTRAINT "department_portalId_fkey" FOREIGN KEY ("portalId") REFERENCES "portal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task" ADD CONSTRAINT "task_portalId_fkey" FOREIGN KEY ("portalId") REFERENCES "portal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task" ADD CONSTRAINT "task_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "flow"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task_change" ADD CONSTRAINT "task_change_portalId_fkey" FOREIGN KEY ("portalId") REFERENCES "portal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sync_run" ADD CONSTRAINT "sync_run_portalId_fkey" FOREIGN KEY ("portalId") REFERENCES "portal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "portal_event" ADD CONSTRAINT "portal_event_portalId_fkey" FOREIGN KEY ("portalId") REFERENCES "portal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "flow_daily_figure" ADD CONSTRAINT "flow_daily_figure_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;
