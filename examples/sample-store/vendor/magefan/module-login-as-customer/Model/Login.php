<?php
namespace Magefan\LoginAsCustomer\Model;

use Magefan\LoginAsCustomer\Api\LoginInterface;

class Login implements LoginInterface
{
    public function authenticateCustomer(int $customerId, int $adminId): bool
    {
        return $customerId > 0 && $adminId > 0;
    }
}
