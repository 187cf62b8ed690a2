<?php
declare(strict_types=1);

namespace Acme\ErpBridge\Observer;

use Magento\Framework\Event\Observer;
use Magento\Framework\Event\ObserverInterface;
use Magento\Framework\MessageQueue\PublisherInterface;

/**
 * Publishes every placed order to the acme.erp.order.export topic.
 */
class QueueOrderExport implements ObserverInterface
{
    public function __construct(private readonly PublisherInterface $publisher)
    {
    }

    public function execute(Observer $observer): void
    {
        $order = $observer->getEvent()->getOrder();
        $this->publisher->publish('acme.erp.order.export', (string) $order->getIncrementId());
    }
}
