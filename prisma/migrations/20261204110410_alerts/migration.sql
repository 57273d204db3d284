-- CreateEnum
CREATE TYPE "AlertKind" AS ENUM ('efficiency_below', 'forecast_below', 'queue_over', 'in_progress_over', 'task_risk_over');

-- CreateEnum
CREATE TYPE "AlertDeliveryState" AS ENUM ('held', 'sending', 'sent', 'refused', 'dropped');

-- AlterTable
ALTER TABLE "user" ADD COLUMN     "locale" TEXT;

-- CreateTable
CREATE TABLE "alert_rule" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "flowId" UUID NOT NULL,
    "kind" "AlertKind" NOT NULL,
    "enabled" BOOLEAN NOT NULL,
    "threshold" INTEGER NOT NULL,
    "extraRecipients" INTEGER[] DEFAULT ARRAY[]::INTEGER[],
    "edited" BOOLEAN NOT NULL DEFAULT false,
    "updatedById" UUID,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_rule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_episode" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "ruleId" UUID NOT NULL,
    "subject" TEXT NOT NULL,
    "value" INTEGER NOT NULL,
    "openKey" TEXT,
    "openedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "clearedAt" TIMESTAMPTZ(3),

    CONSTRAINT "alert_episode_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_delivery" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "flowId" UUID NOT NULL,
    "episodeId" UUID,
    "kind" "AlertKind",
    "recipientId" INTEGER NOT NULL,
    "locale" TEXT NOT NULL,
    "message" TEXT NOT NULL,
    "state" "AlertDeliveryState" NOT NULL,
    "reason" TEXT,
    "bitrixNotificationId" INTEGER,
    "requestedById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMPTZ(3),

    CONSTRAINT "alert_delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "alert_settings" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "quietFrom" INTEGER NOT NULL DEFAULT 20,
    "quietTo" INTEGER NOT NULL DEFAULT 9,
    "dailyCap" INTEGER NOT NULL DEFAULT 10,
    "locale" TEXT NOT NULL DEFAULT 'ru',
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "alert_settings_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "alert_rule_flowId_kind_key" ON "alert_rule"("flowId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "alert_episode_openKey_key" ON "alert_episode"("openKey");

-- CreateIndex
CREATE INDEX "alert_episode_ruleId_idx" ON "alert_episode"("ruleId");

-- CreateIndex
CREATE INDEX "alert_delivery_flowId_createdAt_idx" ON "alert_delivery"("flowId", "createdAt");

-- CreateIndex
CREATE INDEX "alert_delivery_recipientId_sentAt_idx" ON "alert_delivery"("recipientId", "sentAt");

-- CreateIndex
CREATE UNIQUE INDEX "alert_delivery_episodeId_recipientId_key" ON "alert_delivery"("episodeId", "recipientId");

-- AddForeignKey
ALTER TABLE "alert_rule" ADD CONSTRAINT "alert_rule_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_episode" ADD CONSTRAINT "alert_episode_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "alert_rule"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_delivery" ADD CONSTRAINT "alert_delivery_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "alert_delivery" ADD CONSTRAINT "alert_delivery_episodeId_fkey" FOREIGN KEY ("episodeId") REFERENCES "alert_episode"("id") ON DELETE CASCADE ON UPDATE CASCADE;
