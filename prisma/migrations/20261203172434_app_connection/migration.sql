-- AlterEnum
ALTER TYPE "AccountTokenPurpose" ADD VALUE 'app_install';

-- AlterTable
ALTER TABLE "portal" ADD COLUMN     "appUninstalledAt" TIMESTAMPTZ(3);

-- AlterTable
ALTER TABLE "portal_connection" ADD COLUMN     "accessTokenExpiresAt" TIMESTAMPTZ(3);
