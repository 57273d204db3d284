-- AlterTable
ALTER TABLE "portal_connection" ADD COLUMN     "appClientId" TEXT,
ADD COLUMN     "oauthServerUrl" TEXT,
ADD COLUMN     "sealedAppClientSecret" TEXT;
