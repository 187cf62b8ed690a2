<?php
declare(strict_types=1);

namespace Northwind\PaymentGateway\Plugin;

use Magento\Checkout\Model\PaymentInformationManagement;
use Magento\Quote\Api\Data\AddressInterface;
use Magento\Quote\Api\Data\PaymentInterface;

/**
 * Stores the hosted-fields session id on the quote payment before the order is placed.
 */
class PaymentInformationPlugin
{
    public function beforeSavePaymentInformationAndPlaceOrder(
        PaymentInformationManagement $subject,
        $cartId,
        PaymentInterface $paymentMethod,
        ?AddressInterface $billingAddress = null
    ): array {
        $additional = (array) $paymentMethod->getAdditionalData();
        if (isset($additional['nw_session'])) {
            $paymentMethod->setAdditionalData(['nw_session' => (string) $additional['nw_session']]);
        }

        return [$cartId, $paymentMethod, $billingAddress];
    }
}
