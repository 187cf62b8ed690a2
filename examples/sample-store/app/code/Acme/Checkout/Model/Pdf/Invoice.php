<?php
declare(strict_types=1);

namespace Acme\Checkout\Model\Pdf;

/**
 * Invoice PDF with the requested delivery date under the order number.
 */
class Invoice extends \Magento\Sales\Model\Order\Pdf\Invoice
{
    protected function insertOrder(&$page, $obj, $putOrderId = true)
    {
        parent::insertOrder($page, $obj, $putOrderId);
        $order = $obj instanceof \Magento\Sales\Model\Order ? $obj : $obj->getOrder();
        if ($order->getData('acme_delivery_date')) {
            $page->drawText(__('Delivery date: %1', $order->getData('acme_delivery_date')), 35, $this->y, 'UTF-8');
            $this->y -= 15;
        }
    }
}
