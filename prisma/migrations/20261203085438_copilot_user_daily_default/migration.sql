-- AlterTable
ALTER TABLE "copilot_settings" ALTER COLUMN "userDailyLimit" SET DEFAULT 50;
