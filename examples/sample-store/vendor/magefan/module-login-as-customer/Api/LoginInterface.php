<?php
namespace Magefan\LoginAsCustomer\Api;

/**
 * One-time admin-to-customer login (sample content written for MageUp).
 */
interface LoginInterface
{
    public function authenticateCustomer(int $customerId, int $adminId): bool;
}
