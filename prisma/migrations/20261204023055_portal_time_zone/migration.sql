-- AlterTable
ALTER TABLE "portal" ADD COLUMN     "timeZone" TEXT;
