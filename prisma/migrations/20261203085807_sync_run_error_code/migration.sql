-- AlterTable
ALTER TABLE "sync_run" ADD COLUMN     "errorCode" TEXT;
