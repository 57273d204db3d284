-- AlterTable
ALTER TABLE "copilot_settings" ADD COLUMN     "shareGenderWithModel" BOOLEAN NOT NULL DEFAULT false;
