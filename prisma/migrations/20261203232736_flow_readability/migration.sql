-- AlterTable
ALTER TABLE "portal" ADD COLUMN     "connectionUserIsAdmin" BOOLEAN,
ADD COLUMN     "unreadableFlowIds" INTEGER[] DEFAULT ARRAY[]::INTEGER[];
