<?php
namespace Dealer4dealer\Xcore\Api;

/**
 * Price lists pushed by the ERP (sample content written for MageUp).
 */
interface PriceListRepositoryInterface
{
    /**
     * @param int $id
     * @return array
     */
    public function getById($id);
}
