-- AlterTable
ALTER TABLE "portal" ADD COLUMN     "manualFlowIds" INTEGER[] DEFAULT ARRAY[]::INTEGER[];

-- AlterTable
ALTER TABLE "sync_run" ADD COLUMN     "owner" TEXT;
