-- CreateTable
CREATE TABLE "portal_rate_bucket" (
    "portalId" UUID NOT NULL,
    "level" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "capacity" DOUBLE PRECISION NOT NULL,
    "drain" DOUBLE PRECISION NOT NULL,
    "adaptedAt" TIMESTAMPTZ(3),

    CONSTRAINT "portal_rate_bucket_pkey" PRIMARY KEY ("portalId")
);

-- AddForeignKey
ALTER TABLE "portal_rate_bucket" ADD CONSTRAINT "portal_rate_bucket_portalId_fkey" FOREIGN KEY ("portalId") REFERENCES "portal"("id") ON DELETE CASCADE ON UPDATE CASCADE;
