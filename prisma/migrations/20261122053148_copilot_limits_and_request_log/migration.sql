-- AlterTable
ALTER TABLE "copilot_settings" ADD COLUMN     "logRetentionDays" INTEGER NOT NULL DEFAULT 14,
ADD COLUMN     "monthlyRequestLimit" INTEGER,
ADD COLUMN     "userDailyLimit" INTEGER;

-- CreateTable
CREATE TABLE "copilot_request_log" (
    "id" BIGSERIAL NOT NULL,
    "analysisId" UUID NOT NULL,
    "model" TEXT NOT NULL,
    "request" JSONB NOT NULL,
    "answer" JSONB NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "copilot_request_log_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "copilot_request_log_createdAt_idx" ON "copilot_request_log"("createdAt");
