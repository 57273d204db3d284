-- CreateEnum
CREATE TYPE "Role" AS ENUM ('admin', 'lead', 'executive');

-- CreateEnum
CREATE TYPE "AccountTokenPurpose" AS ENUM ('setup', 'invite');

-- CreateEnum
CREATE TYPE "PortalKind" AS ENUM ('demo', 'webhook', 'oauth');

-- CreateEnum
CREATE TYPE "FlowMemberRole" AS ENUM ('owner', 'moderator', 'member');

-- CreateTable
CREATE TABLE "user" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT,
    "role" "Role" NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "portalId" UUID,
    "bitrixUserId" INTEGER,
    "sessionVersion" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "lastSignInAt" TIMESTAMPTZ(3),

    CONSTRAINT "user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sign_in_attempt" (
    "id" BIGSERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "address" TEXT NOT NULL,
    "succeeded" BOOLEAN NOT NULL,
    "attemptedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "sign_in_attempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "account_token" (
    "tokenHash" TEXT NOT NULL,
    "purpose" "AccountTokenPurpose" NOT NULL,
    "userId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),

    CONSTRAINT "account_token_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateTable
CREATE TABLE "portal" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "memberId" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "kind" "PortalKind" NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "portal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "employee" (
    "portalId" UUID NOT NULL,
    "bitrixUserId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "lastName" TEXT NOT NULL DEFAULT '',
    "email" TEXT,
    "position" TEXT NOT NULL DEFAULT '',
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "employee_pkey" PRIMARY KEY ("portalId","bitrixUserId")
);

-- CreateTable
CREATE TABLE "flow" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "portalId" UUID NOT NULL,
    "bitrixFlowId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "portalEfficiency" INTEGER,

    CONSTRAINT "flow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "flow_member" (
    "flowId" UUID NOT NULL,
    "bitrixUserId" INTEGER NOT NULL,
    "role" "FlowMemberRole" NOT NULL,

    CONSTRAINT "flow_member_pkey" PRIMARY KEY ("flowId","bitrixUserId","role")
);

-- CreateTable
CREATE TABLE "flow_access_grant" (
    "userId" UUID NOT NULL,
    "flowId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "flow_access_grant_pkey" PRIMARY KEY ("userId","flowId")
);

-- CreateIndex
CREATE UNIQUE INDEX "user_email_key" ON "user"("email");

-- CreateIndex
CREATE UNIQUE INDEX "user_portalId_bitrixUserId_key" ON "user"("portalId", "bitrixUserId");

-- CreateIndex
CREATE INDEX "sign_in_attempt_email_attemptedAt_idx" ON "sign_in_attempt"("email", "attemptedAt");

-- CreateIndex
CREATE INDEX "sign_in_attempt_address_attemptedAt_idx" ON "sign_in_attempt"("address", "attemptedAt");

-- CreateIndex
CREATE INDEX "account_token_userId_idx" ON "account_token"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "portal_memberId_key" ON "portal"("memberId");

-- CreateIndex
CREATE UNIQUE INDEX "flow_portalId_bitrixFlowId_key" ON "flow"("portalId", "bitrixFlowId");

-- CreateIndex
CREATE INDEX "flow_member_bitrixUserId_idx" ON "flow_member"("bitrixUserId");

-- AddForeignKey
ALTER TABLE "user" ADD CONSTRAINT "user_portalId_fkey" FOREIGN KEY ("portalId") REFERENCES "portal"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "account_token" ADD CONSTRAINT "account_token_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "employee" ADD CONSTRAINT "employee_portalId_fkey" FOREIGN KEY ("portalId") REFERENCES "portal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "flow" ADD CONSTRAINT "flow_portalId_fkey" FOREIGN KEY ("portalId") REFERENCES "portal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "flow_member" ADD CONSTRAINT "flow_member_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "flow_access_grant" ADD CONSTRAINT "flow_access_grant_userId_fkey" FOREIGN KEY ("userId") REFERENCES "user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "flow_access_grant" ADD CONSTRAINT "flow_access_grant_flowId_fkey" FOREIGN KEY ("flowId") REFERENCES "flow"("id") ON DELETE CASCADE ON UPDATE CASCADE;
