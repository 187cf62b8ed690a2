<?php
namespace Dealer4dealer\Xcore\Model;

use Dealer4dealer\Xcore\Api\PriceListRepositoryInterface;

class PriceListRepository implements PriceListRepositoryInterface
{
    public function getById($id)
    {
        return ['id' => (int) $id, 'items' => []];
    }
}
