-- CreateEnum
CREATE TYPE "FollowedVia" AS ENUM ('task', 'meeting', 'marked');

-- CreateTable
CREATE TABLE "copilot_followed_message" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "analysisId" UUID NOT NULL,
    "messageIndex" INTEGER NOT NULL,
    "flowId" UUID NOT NULL,
    "via" "FollowedVia" NOT NULL,
    "actedAt" TIMESTAMPTZ(3) NOT NULL,
    "findingKind" TEXT NOT NULL,
    "people" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "before" JSONB NOT NULL,
    "bitrixTaskId" INTEGER,
    "followedById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "copilot_followed_message_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "copilot_followed_message_flowId_actedAt_idx" ON "copilot_followed_message"("flowId", "actedAt");

-- CreateIndex
CREATE UNIQUE INDEX "copilot_followed_message_analysisId_messageIndex_key" ON "copilot_followed_message"("analysisId", "messageIndex");

-- AddForeignKey
ALTER TABLE "copilot_followed_message" ADD CONSTRAINT "copilot_followed_message_analysisId_fkey" FOREIGN KEY ("analysisId") REFERENCES "copilot_analysis"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "copilot_followed_message" ADD CONSTRAINT "copilot_followed_message_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;
