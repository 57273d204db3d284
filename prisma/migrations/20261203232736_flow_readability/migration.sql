-- AlterTable
ALTER TABLE "portal" ADD COLUMN     "flowReaderIsAdmin" BOOLEAN,
ADD COLUMN     "unreadableFlowIds" INTEGER[] DEFAULT ARRAY[]::INTEGER[];
