-- AlterTable
ALTER TABLE "portal" ADD COLUMN     "workCalendar" JSONB;
