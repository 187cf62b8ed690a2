<?php
declare(strict_types=1);

namespace Acme\Catalog\Api;

/**
 * Feed status over REST and GraphQL.
 * @api
 */
interface FeedRepositoryInterface
{
    /**
     * @param int $productId
     * @return bool
     */
    public function isDirty(int $productId): bool;
}
