-- AlterTable
ALTER TABLE "user" ADD COLUMN     "createdByDemo" BOOLEAN NOT NULL DEFAULT false;
