-- CreateEnum
CREATE TYPE "AnalysisState" AS ENUM ('running', 'succeeded', 'failed');

-- CreateEnum
CREATE TYPE "AnalysisTrigger" AS ENUM ('first', 'requested', 'efficiency_moved', 'crossed_line');

-- CreateEnum
CREATE TYPE "MessageActionKind" AS ENUM ('task', 'meeting');

-- CreateTable
CREATE TABLE "copilot_settings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "hourlyRequestLimit" INTEGER NOT NULL DEFAULT 600,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "copilot_settings_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "copilot_analysis" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "portalId" UUID NOT NULL,
    "flowId" UUID NOT NULL,
    "requestedById" UUID,
    "trigger" "AnalysisTrigger" NOT NULL,
    "state" "AnalysisState" NOT NULL DEFAULT 'running',
    "model" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "efficiency" INTEGER NOT NULL,
    "taskCount" INTEGER NOT NULL,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "windowEnd" TIMESTAMPTZ(3) NOT NULL,
    "findings" JSONB NOT NULL DEFAULT '[]',
    "messages" JSONB NOT NULL DEFAULT '[]',
    "people" JSONB NOT NULL DEFAULT '{}',
    "error" TEXT,
    "findingsMs" INTEGER,
    "modelMs" INTEGER,
    "promptTokens" INTEGER,
    "completionTokens" INTEGER,
    "startedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMPTZ(3),

    CONSTRAINT "copilot_analysis_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "copilot_message_action" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "analysisId" UUID NOT NULL,
    "messageIndex" INTEGER NOT NULL,
    "kind" "MessageActionKind" NOT NULL,
    "bitrixId" INTEGER NOT NULL,
    "url" TEXT NOT NULL,
    "createdById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "copilot_message_action_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "copilot_feedback" (
    "analysisId" UUID NOT NULL,
    "messageIndex" INTEGER NOT NULL,
    "userId" UUID NOT NULL,
    "helpful" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "copilot_feedback_pkey" PRIMARY KEY ("analysisId","messageIndex","userId")
);

-- CreateIndex
CREATE INDEX "copilot_analysis_flowId_startedAt_idx" ON "copilot_analysis"("flowId", "startedAt");

-- CreateIndex
CREATE INDEX "copilot_analysis_portalId_startedAt_idx" ON "copilot_analysis"("portalId", "startedAt");

-- CreateIndex
CREATE INDEX "copilot_message_action_analysisId_idx" ON "copilot_message_action"("analysisId");

-- AddForeignKey
ALTER TABLE "copilot_analysis" ADD CONSTRAINT "copilot_analysis_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "copilot_message_action" ADD CONSTRAINT "copilot_message_action_analysisId_fkey" FOREIGN KEY ("analysisId") REFERENCES "copilot_analysis"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "copilot_feedback" ADD CONSTRAINT "copilot_feedback_analysisId_fkey" FOREIGN KEY ("analysisId") REFERENCES "copilot_analysis"("id") ON DELETE CASCADE ON UPDATE CASCADE;
