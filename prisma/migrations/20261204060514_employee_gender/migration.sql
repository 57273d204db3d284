-- AlterTable
ALTER TABLE "employee" ADD COLUMN     "gender" TEXT;
