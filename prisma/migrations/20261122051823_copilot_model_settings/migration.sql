-- CreateEnum
CREATE TYPE "AnswerLanguage" AS ENUM ('viewer', 'ru', 'en');

-- AlterTable
ALTER TABLE "copilot_settings" ADD COLUMN     "answerLanguage" "AnswerLanguage" NOT NULL DEFAULT 'viewer',
ADD COLUMN     "provider" JSONB NOT NULL DEFAULT '{"kind":"builtin"}',
ADD COLUMN     "sealedProviderSecret" TEXT;

-- CreateTable
CREATE TABLE "copilot_settings_change" (
    "id" BIGSERIAL NOT NULL,
    "userId" UUID,
    "changedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "changes" JSONB NOT NULL,

    CONSTRAINT "copilot_settings_change_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "copilot_settings_change_changedAt_idx" ON "copilot_settings_change"("changedAt");
